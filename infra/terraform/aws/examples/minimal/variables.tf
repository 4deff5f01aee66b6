variable "region" {
  description = "Region the function runs in and audits."
  type        = string
  default     = "us-east-1"
}

variable "package_path" {
  description = "The shaded jar, built by ./mvnw package (the default path is relative to this directory in a clone)."
  type        = string
  default     = "../../../../../functions/aws-lambda/target/cloudwarden-aws-lambda.jar"
}
