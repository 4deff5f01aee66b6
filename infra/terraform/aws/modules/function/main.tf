data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  name = "${var.name_prefix}-${var.operation}"

  # The policy section each operation reads (operations/<operation>/section): a function whose policy lacks it would
  # fail every cold start. An operation is its directory: a new one needs no edit here.
  sections = {
    for file in fileset("${path.module}/operations", "*/section") : dirname(file) => trimspace(file("${path.module}/operations/${file}"))
  }

  # The function gets the policy's common fields and its own operation's section only, as minified JSON
  # (comments and layout dropped): Lambda allows 4 KB for all environment variables together.
  policy_document = yamldecode(var.policy)
  policy_json = jsonencode({
    for key, value in local.policy_document : key => value
    if key == local.sections[var.operation] || !contains(values(local.sections), key)
  })

  operation_dir = "${path.module}/operations/${var.operation}"
  # The rules this operation reacts to, one pattern file each; the tests match every sample event against them.
  event_patterns = var.event_rules ? {
    for file in fileset("${local.operation_dir}/rules", "*.json") : trimsuffix(file, ".json") => file("${local.operation_dir}/rules/${file}")
  } : {}

  # With SnapStart every trigger invokes the newest published version, which starts from its snapshot.
  invoke_arn       = var.snap_start ? aws_lambda_function.this.qualified_arn : aws_lambda_function.this.arn
  invoke_qualifier = var.snap_start ? aws_lambda_function.this.version : null

  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region
  partition  = data.aws_partition.current.partition
}

resource "aws_cloudwatch_log_group" "this" {
  # Lambda's own log group name, created here so that it has a retention and a key.
  name              = "/aws/lambda/${local.name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_lambda_function" "this" {
  #checkov:skip=CKV_AWS_116:failed invocations go to the event-invoke config's on-failure destination (the SQS queue in failures.tf), which keeps the error with the event; a dead_letter_config would keep the event alone
  #checkov:skip=CKV_AWS_117:the function calls only AWS APIs; a VPC would add NAT or endpoints for every service it calls and nothing to protect
  #checkov:skip=CKV_AWS_272:code signing needs a signing profile in the deploying account; the jar's integrity is checked by source_code_hash
  function_name = local.name
  description   = "cloudwarden ${var.operation}"
  role          = aws_iam_role.function.arn
  runtime       = "java21"
  handler       = "dev.cloudwarden.lambda.EventBridgeHandler::handleRequest"
  architectures = [var.architecture]
  memory_size   = var.memory_size
  timeout       = var.timeout

  filename         = var.package_path
  source_code_hash = filebase64sha256(var.package_path)

  reserved_concurrent_executions = var.reserved_concurrent_executions
  publish                        = var.snap_start
  kms_key_arn                    = var.kms_key_arn

  environment {
    variables = {
      CLOUDWARDEN_POLICY       = local.policy_json
      CLOUDWARDEN_OPERATION    = var.operation
      CLOUDWARDEN_DRY_RUN      = tostring(var.dry_run)
      CLOUDWARDEN_SECURITY_HUB = tostring(var.security_hub)
    }
  }

  dynamic "snap_start" {
    for_each = var.snap_start ? [1] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  tracing_config {
    mode = var.tracing ? "Active" : "PassThrough"
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = contains(keys(local.policy_document), local.sections[var.operation])
      error_message = "The policy declares no ${local.sections[var.operation]} section, which the ${var.operation} function runs."
    }
    precondition {
      condition     = length(local.policy_json) <= 3800
      error_message = "The policy is ${length(local.policy_json)} bytes once minified; Lambda's environment holds 4 KB in all. Only this operation's section and the common fields are sent: shorten that section."
    }
  }

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.operation, aws_iam_role_policy.runtime, aws_iam_role_policy.security_hub]
}
