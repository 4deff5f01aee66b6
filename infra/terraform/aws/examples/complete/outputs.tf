output "functions" {
  description = "Each operation's function, role, log group, dead-letter queue, rules and schedule."
  value = {
    for operation, fn in module.cloudwarden : operation => {
      function_name         = fn.function_name
      role_name             = fn.role_name
      log_group_name        = fn.log_group_name
      dead_letter_queue_url = fn.dead_letter_queue_url
      event_rule_arns       = fn.event_rule_arns
      schedule_arn          = fn.schedule_arn
      findings_topic_arn    = fn.findings_topic_arn
    }
  }
}

output "alarm_topic_arn" {
  description = "The topic every alarm notifies."
  value       = aws_sns_topic.alarms.arn
}
