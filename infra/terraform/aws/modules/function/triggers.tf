# ---- the sweep: an EventBridge Scheduler schedule -------------------------------------------------------

resource "aws_iam_role" "scheduler" {
  count              = var.schedule_expression == null ? 0 : 1
  name               = "${local.name}-${local.region}-scheduler"
  description        = "EventBridge Scheduler invoking cloudwarden ${var.operation}"
  assume_role_policy = data.aws_iam_policy_document.assume["scheduler"].json
  tags               = var.tags
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeTheFunction"
    actions   = ["lambda:InvokeFunction"]
    resources = [local.invoke_arn]
  }
  statement {
    sid       = "SendUndeliveredSweepsToTheDeadLetterQueue"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letters.arn]
  }
  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [1]
    content {
      sid       = "UseTheKeyOfTheQueue"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [var.kms_key_arn]
    }
  }
}

resource "aws_iam_role_policy" "scheduler" {
  count  = var.schedule_expression == null ? 0 : 1
  name   = "invoke-${var.operation}"
  role   = aws_iam_role.scheduler[0].id
  policy = data.aws_iam_policy_document.scheduler.json
}

resource "aws_scheduler_schedule" "sweep" {
  #checkov:skip=CKV_AWS_297:the schedule holds only a fixed event envelope (no data); it is encrypted with kms_key_arn when one is given, else with the AWS-owned key
  count                        = var.schedule_expression == null ? 0 : 1
  name                         = "${local.name}-sweep"
  description                  = "cloudwarden ${var.operation}: sweep the region"
  schedule_expression          = var.schedule_expression
  schedule_expression_timezone = var.schedule_timezone
  kms_key_arn                  = var.kms_key_arn

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = local.invoke_arn
    role_arn = aws_iam_role.scheduler[0].arn
    # Scheduler sends only this input: a "Scheduled Event" like an EventBridge rule's, with Scheduler's own
    # execution id, time and schedule ARN (events/aws/scheduler-sweep.json is one). The time is the firing the
    # function acts for. jsonencode writes < and > as \u003c and \u003e, which Scheduler does not take for its
    # placeholders: they are written back as they are.
    input = replace(replace(jsonencode({
      "version"     = "0"
      "id"          = "<aws.scheduler.execution-id>"
      "detail-type" = "Scheduled Event"
      "source"      = "aws.scheduler"
      "account"     = local.account_id
      "time"        = "<aws.scheduler.scheduled-time>"
      "region"      = local.region
      "resources"   = ["<aws.scheduler.schedule-arn>"]
      "detail"      = {}
    }), "\\u003c", "<"), "\\u003e", ">")

    retry_policy {
      maximum_event_age_in_seconds = var.maximum_event_age
      maximum_retry_attempts       = 3
    }

    dead_letter_config {
      arn = aws_sqs_queue.dead_letters.arn
    }
  }
}

# ---- events: one EventBridge rule per pattern file of the operation ---------------------------------------

resource "aws_cloudwatch_event_rule" "event" {
  for_each      = local.event_patterns
  name          = "${local.name}-${each.key}"
  description   = "cloudwarden ${var.operation}: ${each.key}"
  event_pattern = each.value
  tags          = var.tags
}

resource "aws_cloudwatch_event_target" "event" {
  for_each = local.event_patterns
  rule     = aws_cloudwatch_event_rule.event[each.key].name
  arn      = local.invoke_arn

  retry_policy {
    maximum_event_age_in_seconds = var.maximum_event_age
    maximum_retry_attempts       = 3
  }

  dead_letter_config {
    arn = aws_sqs_queue.dead_letters.arn
  }
}

resource "aws_lambda_permission" "event" {
  for_each      = local.event_patterns
  statement_id  = "eventbridge-${each.key}"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  qualifier     = local.invoke_qualifier
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.event[each.key].arn
}
