variable "operation" {
  description = "The cloudwarden operation this function runs: security-group-audit, tag-compliance, snapshot-lifecycle or patch-baselines. It picks the IAM policy and the event rules too."
  type        = string

  validation {
    # an operation is a directory of operations/ (its section, IAM policy and event rules)
    condition     = fileexists("${path.module}/operations/${var.operation}/section")
    error_message = "operation must be one of ${join(", ", sort([for file in fileset("${path.module}/operations", "*/section") : dirname(file)]))}."
  }
}

variable "policy" {
  description = "The cloudwarden policy (YAML or JSON text, usually file(\"policy.yaml\")). It must declare this operation's section. It reaches the function minified, as CLOUDWARDEN_POLICY."
  type        = string

  validation {
    condition     = can(yamldecode(var.policy))
    error_message = "policy is not valid YAML or JSON; check it with ./cloudwarden run --policy FILE --dry-run."
  }
}

variable "package_path" {
  description = "Path of the function's deployment package: the shaded jar built as functions/aws-lambda/target/cloudwarden-aws-lambda.jar."
  type        = string

  validation {
    condition     = endswith(var.package_path, ".jar") || endswith(var.package_path, ".zip")
    error_message = "package_path must name the shaded .jar (or a .zip holding it)."
  }
}

variable "name_prefix" {
  description = "Prefix of every resource name; the function is named <name_prefix>-<operation>, its role <name_prefix>-<operation>-<region>."
  type        = string
  default     = "cloudwarden"

  validation {
    condition     = can(regex("^[a-zA-Z0-9-]{1,16}$", var.name_prefix))
    error_message = "name_prefix must be 1 to 16 letters, digits or hyphens: role names add the operation, the region and -scheduler within IAM's 64 characters."
  }
}

variable "dry_run" {
  description = "Force dry-run whatever the policy says: the function reports and changes nothing. On by default, so that a first deployment only shows what it would do."
  type        = bool
  default     = true
}

variable "architecture" {
  description = "Lambda architecture: arm64 (cheaper per GB-second) or x86_64. The jar is pure Java and runs on both."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "memory_size" {
  description = "Memory in MB. Lambda gives CPU in proportion: below 1024 the JVM starts markedly slower."
  type        = number
  default     = 1024

  validation {
    condition     = var.memory_size >= 256 && var.memory_size <= 10240
    error_message = "memory_size must be between 256 and 10240 MB."
  }
}

variable "timeout" {
  description = "Timeout in seconds. A run stops starting changes 30 s before it and reports the rest as not started; the retry finishes the work."
  type        = number
  default     = 300

  validation {
    condition     = var.timeout >= 30 && var.timeout <= 900
    error_message = "timeout must be between 30 and 900 seconds."
  }
}

variable "reserved_concurrent_executions" {
  description = "Reserved concurrency. 1 (the default) runs one invocation at a time, so that a schedule and an event never act on the same resources together; bursts wait in Lambda's async queue. -1 removes the reservation."
  type        = number
  default     = 1

  validation {
    condition     = var.reserved_concurrent_executions == -1 || var.reserved_concurrent_executions >= 1
    error_message = "reserved_concurrent_executions must be -1 (no reservation) or at least 1."
  }
}

variable "snap_start" {
  description = "Enable Lambda SnapStart: versions are published and every trigger invokes the latest version, which starts from a snapshot of the initialised function."
  type        = bool
  default     = false
}

variable "tracing" {
  description = "Active X-Ray tracing (the role gets xray:PutTraceSegments and xray:PutTelemetryRecords)."
  type        = bool
  default     = false
}

variable "log_retention_days" {
  description = "Retention of the function's log group, in days (a CloudWatch Logs retention value)."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for the log group, the dead-letter queue, the findings topic and the function's environment. Null: AWS-managed encryption."
  type        = string
  default     = null
}

variable "schedule_expression" {
  description = "When the function sweeps the region: an EventBridge Scheduler expression, rate(...) or cron(...). Null: no schedule (events only). A snapshot plan's own schedule decides its windows; this must run at least once per window."
  type        = string
  default     = "rate(1 hour)"

  validation {
    condition     = var.schedule_expression == null || can(regex("^(rate\\(\\d+ (minute|minutes|hour|hours|day|days)\\)|cron\\(.+\\))$", var.schedule_expression))
    error_message = "schedule_expression must be rate(N unit) or cron(fields), or null for no schedule."
  }
}

variable "schedule_timezone" {
  description = "Time zone the cron schedule_expression is read in (an IANA name)."
  type        = string
  default     = "UTC"
}

variable "event_rules" {
  description = "Create the EventBridge rules that invoke the function within seconds of a change (CloudTrail calls need a trail that logs management events)."
  type        = bool
  default     = true
}

variable "retry_attempts" {
  description = "How often Lambda retries a failed asynchronous invocation (0-2). An incomplete run fails its invocation on purpose, so a retry finishes it."
  type        = number
  default     = 2

  validation {
    condition     = var.retry_attempts >= 0 && var.retry_attempts <= 2
    error_message = "retry_attempts must be 0, 1 or 2."
  }
}

variable "maximum_event_age" {
  description = "Seconds an event may wait (throttled or retried) before it goes to the dead-letter queue unprocessed."
  type        = number
  default     = 3600

  validation {
    condition     = var.maximum_event_age >= 60 && var.maximum_event_age <= 21600
    error_message = "maximum_event_age must be between 60 and 21600 seconds."
  }
}

variable "alarms" {
  description = "Create CloudWatch alarms on the function's errors and on messages in its dead-letter queue."
  type        = bool
  default     = true
}

variable "alarm_actions" {
  description = "ARNs notified when an alarm fires (an SNS topic, usually)."
  type        = list(string)
  default     = []
}

variable "findings_topic" {
  description = "Create an SNS topic that receives every completed run's report (the findings) through the function's on-success destination."
  type        = bool
  default     = false
}

variable "security_hub" {
  description = "Export every run's findings to AWS Security Hub in ASFF (CLOUDWARDEN_SECURITY_HUB=true; a sweep also archives the findings it no longer finds). Security Hub must be enabled in the region; the role gets features/security-hub-export/iam-policy.json."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for every resource the module creates."
  type        = map(string)
  default     = {}
}
