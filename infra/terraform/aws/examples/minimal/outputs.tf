output "function_name" {
  description = "The audit function."
  value       = module.security_group_audit.function_name
}

output "log_group_name" {
  description = "Where its findings are logged, one JSON line each."
  value       = module.security_group_audit.log_group_name
}
