output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the Lambda function (unqualified)."
  value       = aws_lambda_function.this.arn
}

output "invoke_arn" {
  description = "The ARN the triggers invoke: the newest published version with SnapStart, the function otherwise."
  value       = local.invoke_arn
}

output "role_name" {
  description = "Name of the function's IAM role."
  value       = aws_iam_role.function.name
}

output "role_arn" {
  description = "ARN of the function's IAM role."
  value       = aws_iam_role.function.arn
}

output "log_group_name" {
  description = "The function's log group: one JSON line per finding and one per run."
  value       = aws_cloudwatch_log_group.this.name
}

output "dead_letter_queue_url" {
  description = "URL of the queue that keeps failed invocations and undeliverable events."
  value       = aws_sqs_queue.dead_letters.id
}

output "dead_letter_queue_arn" {
  description = "ARN of the dead-letter queue."
  value       = aws_sqs_queue.dead_letters.arn
}

output "event_rule_arns" {
  description = "ARN of each EventBridge rule, by its pattern file's name."
  value       = { for name, rule in aws_cloudwatch_event_rule.event : name => rule.arn }
}

output "schedule_arn" {
  description = "ARN of the sweep's schedule (null without one)."
  value       = one(aws_scheduler_schedule.sweep[*].arn)
}

output "findings_topic_arn" {
  description = "ARN of the findings topic (null without one)."
  value       = one(aws_sns_topic.findings[*].arn)
}

output "alarm_arns" {
  description = "ARNs of the alarms on errors and on the dead-letter queue (empty without alarms)."
  value       = [for alarm in aws_cloudwatch_metric_alarm.this : alarm.arn]
}
