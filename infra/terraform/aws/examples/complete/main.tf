provider "aws" {
  region = var.region
}

locals {
  # Each operation's sweep and timeout. The snapshot lifecycle runs hourly, so a plan's window is taken within
  # the hour it opens; its retention sweep of a large account may need the whole 15 minutes (it stops starting
  # deletions 30 s before and the retry finishes them).
  operations = {
    "security-group-audit" = { schedule = "rate(1 hour)", timeout = 120 }
    "tag-compliance"       = { schedule = "cron(0 6 * * ? *)", timeout = 300 }
    "snapshot-lifecycle"   = { schedule = "rate(1 hour)", timeout = 900 }
    "patch-baselines"      = { schedule = "rate(6 hours)", timeout = 300 }
  }
}

# Where alarms go: subscribe the on-call address or a chat integration to it.
resource "aws_sns_topic" "alarms" {
  name              = "cloudwarden-alarms"
  kms_master_key_id = "alias/aws/sns"
  tags              = var.tags
}

module "cloudwarden" {
  source   = "../../modules/function"
  for_each = local.operations

  operation    = each.key
  policy       = file("${path.module}/policy.yaml")
  package_path = var.package_path
  dry_run      = var.dry_run

  schedule_expression = each.value.schedule
  timeout             = each.value.timeout

  alarms         = var.alarms
  alarm_actions  = [aws_sns_topic.alarms.arn]
  findings_topic = true
  security_hub   = var.security_hub
  tags           = var.tags
}
