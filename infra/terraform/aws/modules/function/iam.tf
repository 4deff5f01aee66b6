# Who may assume the module's roles: Lambda (the function) and EventBridge Scheduler (the sweep), from this account only.
data "aws_iam_policy_document" "assume" {
  for_each = { function = "lambda.amazonaws.com", scheduler = "scheduler.amazonaws.com" }
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = [each.value]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

locals {
  # What the policy files may name: the deployment's partition, region and account, and the tag-compliance
  # policy's mark-for-op tag (it stops only instances carrying it).
  policy_template_vars = {
    partition  = local.partition
    region     = local.region
    account_id = local.account_id
    mark_tag   = try(local.policy_document.tagCompliance.remediation.markForOp.tag, "cloudwarden:marked-for-op")
  }
}

resource "aws_iam_role" "function" {
  # role names are account-wide, functions regional: the region keeps deployments in two regions apart
  name               = "${local.name}-${local.region}"
  description        = "cloudwarden ${var.operation}: exactly the calls its provider makes"
  assume_role_policy = data.aws_iam_policy_document.assume["function"].json
  tags               = var.tags
}

# What the operation's provider calls, nothing else: the tests compare this file's actions with the calls they
# observe the operation make against the emulator, and fail on a missing or an unused action.
resource "aws_iam_role_policy" "operation" {
  name   = "${var.operation}-calls"
  role   = aws_iam_role.function.id
  policy = templatefile("${local.operation_dir}/iam-policy.json", local.policy_template_vars)
}

# The Security Hub export's calls, only when it is on: checked against the calls the export tests observe.
resource "aws_iam_role_policy" "security_hub" {
  count  = var.security_hub ? 1 : 0
  name   = "security-hub-export"
  role   = aws_iam_role.function.id
  policy = templatefile("${path.module}/features/security-hub-export/iam-policy.json", local.policy_template_vars)
}

# What the Lambda runtime does for the function: write its logs, hand failed (and, with a findings topic,
# completed) invocations to their destinations, send traces.
data "aws_iam_policy_document" "runtime" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }

  statement {
    sid       = "SendFailedInvocationsToTheDeadLetterQueue"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letters.arn]
  }

  dynamic "statement" {
    for_each = var.findings_topic ? [1] : []
    content {
      sid       = "PublishReportsToTheFindingsTopic"
      actions   = ["sns:Publish"]
      resources = [aws_sns_topic.findings[0].arn]
    }
  }

  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [1]
    content {
      sid       = "UseTheKeyOfTheQueueAndTopic"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [var.kms_key_arn]
    }
  }

  dynamic "statement" {
    for_each = var.tracing ? [1] : []
    content {
      sid       = "SendTraces"
      actions   = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "runtime" {
  name   = "lambda-runtime"
  role   = aws_iam_role.function.id
  policy = data.aws_iam_policy_document.runtime.json
}
