#!/usr/bin/env bash
# Creates or updates clickpulse's QuickSight data source, data sets, analysis and dashboard from
# the request bodies in this folder, with the AWS CLI (v2). Existing resources are updated (and
# the dashboard's new version published); new ones are created.
#
#   AWS_ACCOUNT_ID=111122223333 AWS_REGION=eu-west-1 \
#   QUICKSIGHT_PRINCIPAL_ARN=arn:aws:quicksight:eu-west-1:111122223333:user/default/analyst \
#   quicksight/deploy.sh [--dry-run]
#
# --dry-run prints every AWS CLI call (and writes the rendered bodies) without calling AWS;
# unset variables then take example values.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dry=false
[ "${1:-}" = "--dry-run" ] && dry=true
if $dry; then
  : "${AWS_ACCOUNT_ID:=123456789012}" "${AWS_REGION:=us-east-1}"
  : "${QUICKSIGHT_PRINCIPAL_ARN:=arn:aws:quicksight:us-east-1:123456789012:user/default/analyst}"
fi
for v in AWS_ACCOUNT_ID AWS_REGION QUICKSIGHT_PRINCIPAL_ARN; do
  [ -n "${!v:-}" ] || { echo "deploy: set $v (or use --dry-run)" >&2; exit 2; }
done
export AWS_ACCOUNT_ID AWS_REGION QUICKSIGHT_PRINCIPAL_ARN
command -v node >/dev/null || { echo "deploy: node is needed to render the request bodies" >&2; exit 2; }
$dry || command -v aws >/dev/null || { echo "deploy: the AWS CLI (aws) is not on PATH" >&2; exit 2; }
out="${DEPLOY_OUT:-$(mktemp -d)}"
mkdir -p "$out"
qs() {
  if $dry; then echo "aws quicksight $* --region $AWS_REGION"; else aws quicksight "$@" --region "$AWS_REGION"; fi
}
exists() { # describe-X --id-flag ID: true when the resource is there (never in a dry run)
  $dry && return 1
  aws quicksight "$1" --aws-account-id "$AWS_ACCOUNT_ID" "$2" "$3" --region "$AWS_REGION" >/dev/null 2>&1
}
render() { node "$here/render.js" "$@"; }

# data source: update takes no Type, Permissions or Tags
id=$(node -e "console.log(require('$here/data-source.json').DataSourceId)")
if exists describe-data-source --data-source-id "$id"; then
  render "$here/data-source.json" "$out/data-source.json" --drop Type,Permissions,Tags
  qs update-data-source --cli-input-json "file://$out/data-source.json"
else
  render "$here/data-source.json" "$out/data-source.json"
  qs create-data-source --cli-input-json "file://$out/data-source.json"
fi

for f in "$here"/data-sets/*.json; do
  name=$(basename "$f" .json)
  id=$(node -e "console.log(require('$f').DataSetId)")
  if exists describe-data-set --data-set-id "$id"; then
    render "$f" "$out/data-set-$name.json" --drop Permissions,Tags
    qs update-data-set --cli-input-json "file://$out/data-set-$name.json"
  else
    render "$f" "$out/data-set-$name.json"
    qs create-data-set --cli-input-json "file://$out/data-set-$name.json"
  fi
done

id=$(node -e "console.log(require('$here/analysis.json').AnalysisId)")
if exists describe-analysis --analysis-id "$id"; then
  render "$here/analysis.json" "$out/analysis.json" --definition "$here/definition.json" --drop Permissions,Tags
  qs update-analysis --cli-input-json "file://$out/analysis.json"
else
  render "$here/analysis.json" "$out/analysis.json" --definition "$here/definition.json"
  qs create-analysis --cli-input-json "file://$out/analysis.json"
fi

id=$(node -e "console.log(require('$here/dashboard.json').DashboardId)")
if exists describe-dashboard --dashboard-id "$id"; then
  render "$here/dashboard.json" "$out/dashboard.json" --definition "$here/definition.json" --drop Permissions,Tags
  qs update-dashboard --cli-input-json "file://$out/dashboard.json"
  if ! $dry; then
    version=$(aws quicksight describe-dashboard --aws-account-id "$AWS_ACCOUNT_ID" --dashboard-id "$id" \
      --region "$AWS_REGION" --query 'Dashboard.Version.VersionNumber' --output text)
    qs update-dashboard-published-version --aws-account-id "$AWS_ACCOUNT_ID" --dashboard-id "$id" --version-number "$version"
  fi
else
  render "$here/dashboard.json" "$out/dashboard.json" --definition "$here/definition.json"
  qs create-dashboard --cli-input-json "file://$out/dashboard.json"
fi
echo "deploy: request bodies in $out"
