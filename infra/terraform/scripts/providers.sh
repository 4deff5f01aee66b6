#!/usr/bin/env bash
# Builds the Terraform providers cloudwarden's modules need from the Go module proxy (the Terraform
# registry is not reachable from our build machines) into a filesystem mirror this project owns, and
# writes a Terraform CLI configuration that installs providers only from that mirror.
#
#   infra/terraform/scripts/providers.sh [aws ...]   builds what is missing; prints the CLI config path last
#
# Everything lives under ${CLOUDWARDEN_TOOLS_DIR:-~/.cache/cloudwarden}/terraform, outside the clone: the
# first build of the AWS provider takes 20-25 minutes and ~12 GB of memory on two cores, later runs
# reuse the mirror (seconds) or relink from the Go build cache kept beside it.
set -euo pipefail

tools="${CLOUDWARDEN_TOOLS_DIR:-$HOME/.cache/cloudwarden}/terraform"
mirror="$tools/mirror"
config="$tools/terraform.rc"

# provider name -> "Go module@pseudo-version release-number". The proxy serves only selected versions
# (others answer 403, and @latest resolves to a 2019 release): these are pinned to commits it serves.
# The release number is the one the commit was cut for; a plain number, since '-dev' labels do not
# satisfy a '>= 6.0' constraint.
declare -A modules=(
  [aws]="github.com/hashicorp/terraform-provider-aws@v1.60.1-0.20260602190131-5f2286d6d836 6.48.0"
)

fail() { echo "providers.sh: $*" >&2; exit 1; }
command -v go >/dev/null || fail "Go is needed to build the Terraform providers (the registry is not reachable); install Go 1.24 or newer"
command -v terraform >/dev/null || fail "terraform is not on the PATH; install Terraform 1.6 or newer"

platform="$(go env GOOS)_$(go env GOARCH)"
export GOCACHE="$tools/go-build-cache" GOMODCACHE="$tools/go-mod-cache" GOFLAGS="-buildvcs=false" CGO_ENABLED=0

build() { # $1 provider name
  local spec="${modules[$1]:-}"; [ -n "$spec" ] || fail "unknown provider '$1' (known: ${!modules[*]})"
  local module="${spec% *}" release="${spec#* }"
  local dir="$mirror/registry.terraform.io/hashicorp/$1/$release/$platform"
  local binary="$dir/terraform-provider-${1}_v$release"
  if [ -x "$binary" ]; then echo "providers.sh: $1 $release already in the mirror" >&2; return; fi
  echo "providers.sh: building $1 $release from $module (first time on this machine: minutes)" >&2
  local start=$SECONDS work; work="$(mktemp -d)"
  # Same flags every time: changing them (-trimpath, other ldflags) invalidates the whole build cache.
  GOBIN="$work" go install -ldflags="-s -w" "$module"
  mkdir -p "$dir"
  mv "$work/terraform-provider-$1" "$binary.partial" && mv "$binary.partial" "$binary"
  rmdir "$work"
  echo "providers.sh: $1 $release built in $((SECONDS - start)) s -> $binary" >&2
}

[ $# -gt 0 ] || set -- aws
for name in "$@"; do build "$name"; done

mkdir -p "$tools"
cat > "$config.partial" <<RC
# Written by cloudwarden's infra/terraform/scripts/providers.sh: hashicorp providers come only from the
# project's mirror, built from the Go module proxy.
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/*"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/*"]
  }
}
RC
mv "$config.partial" "$config"
echo "$config"
