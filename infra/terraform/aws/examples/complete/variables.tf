variable "region" {
  description = "Region the functions run in and sweep (deploy the example once per region)."
  type        = string
  default     = "us-east-1"
}

variable "package_path" {
  description = "The shaded jar, built by ./mvnw package (the default path is relative to this directory in a clone)."
  type        = string
  default     = "../../../../../functions/aws-lambda/target/cloudwarden-aws-lambda.jar"
}

variable "dry_run" {
  description = "Force dry-run on every function. The example changes things by default, as its policy says; set true for a first look."
  type        = bool
  default     = false
}

variable "alarms" {
  description = "Create the CloudWatch alarms on errors and dead letters."
  type        = bool
  default     = true
}

variable "security_hub" {
  description = "Export the findings to AWS Security Hub (it must be enabled in the region)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = { "managed-by" = "terraform", "app" = "cloudwarden" }
}
