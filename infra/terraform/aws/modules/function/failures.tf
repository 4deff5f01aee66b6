# ---- where failures go ----------------------------------------------------------------------------------
# One queue keeps everything that did not complete: invocations that failed after Lambda's retries (an
# unsupported event, an incomplete run; the message holds the error and the event), and events EventBridge
# or Scheduler could not deliver.

resource "aws_sqs_queue" "dead_letters" {
  name                      = "${local.name}-dead-letters"
  message_retention_seconds = 1209600 # 14 days, the most SQS keeps
  sqs_managed_sse_enabled   = var.kms_key_arn == null ? true : null
  kms_master_key_id         = var.kms_key_arn
  tags                      = var.tags
}

data "aws_iam_policy_document" "dead_letters" {
  statement {
    sid       = "EventBridgeRulesOfThisFunction"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letters.arn]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:events:${local.region}:${local.account_id}:rule/${local.name}-*"]
    }
  }
}

resource "aws_sqs_queue_policy" "dead_letters" {
  queue_url = aws_sqs_queue.dead_letters.id
  policy    = data.aws_iam_policy_document.dead_letters.json
}

resource "aws_lambda_function_event_invoke_config" "this" {
  function_name                = aws_lambda_function.this.function_name
  qualifier                    = local.invoke_qualifier
  maximum_retry_attempts       = var.retry_attempts
  maximum_event_age_in_seconds = var.maximum_event_age

  destination_config {
    on_failure {
      destination = aws_sqs_queue.dead_letters.arn
    }

    dynamic "on_success" {
      for_each = var.findings_topic ? [1] : []
      content {
        destination = aws_sns_topic.findings[0].arn
      }
    }
  }

  depends_on = [aws_iam_role_policy.runtime]
}

# ---- findings: every completed run's report, for a SIEM or a mailbox --------------------------------------

resource "aws_sns_topic" "findings" {
  count             = var.findings_topic ? 1 : 0
  name              = "${local.name}-findings"
  kms_master_key_id = coalesce(var.kms_key_arn, "alias/aws/sns")
  tags              = var.tags
}

# ---- alarms ---------------------------------------------------------------------------------------------

locals {
  # The two things that need a person: the function failed an invocation, and something ended unprocessed.
  alarms = var.alarms ? {
    errors = {
      description = "cloudwarden ${var.operation} failed an invocation: an incomplete run or an unsupported event (see the dead-letter queue and the log's run line)"
      namespace   = "AWS/Lambda"
      metric      = "Errors"
      dimensions  = { FunctionName = aws_lambda_function.this.function_name }
      statistic   = "Sum"
    }
    dead-letters = {
      description = "cloudwarden ${var.operation}: events or invocations ended in the dead-letter queue unprocessed"
      namespace   = "AWS/SQS"
      metric      = "ApproximateNumberOfMessagesVisible"
      dimensions  = { QueueName = aws_sqs_queue.dead_letters.name }
      statistic   = "Maximum"
    }
  } : {}
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each            = local.alarms
  alarm_name          = "${local.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = var.tags
}
