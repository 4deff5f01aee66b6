terraform {
  # 1.6 is the oldest release with everything used here, and OpenTofu forked from it: both work.
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0, < 7.0"
    }
  }
}
