provider "aws" {
  region = var.region
}

# The security-group audit alone, in dry-run: every hour and within seconds of an ingress change, a finding
# for each exposure in the function's log; nothing is revoked.
module "security_group_audit" {
  source = "../../modules/function"

  operation    = "security-group-audit"
  policy       = file("${path.module}/policy.yaml")
  package_path = var.package_path
  dry_run      = true
}
