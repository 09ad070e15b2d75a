#!/usr/bin/env python3
"""Reads back what a deployed clickpulse stack created (boto3, one process, so that the check is
quick): prints one JSON document for DeployOnMotoIT. Arguments: endpoint region stack."""
import ast
import json
import sys

import boto3

endpoint, region, stack = sys.argv[1:4]
kw = dict(endpoint_url=endpoint, region_name=region)
c = lambda name: boto3.client(name, **kw)
out = {}

cfn = c("cloudformation")
out["stack"] = cfn.describe_stacks(StackName=stack)["Stacks"][0]
out["resources"] = {r["LogicalResourceId"]: r.get("PhysicalResourceId", "")
                    for r in cfn.list_stack_resources(StackName=stack)["StackResourceSummaries"]}

out["stream"] = c("kinesis").describe_stream_summary(StreamName=stack + "-clickstream")["StreamDescriptionSummary"]
ddb = c("dynamodb")
out["tables"] = {}
for t in ["products", "orders", "users", "product_demand", "sessions", "price_history"]:
    out["tables"][t] = ddb.describe_table(TableName=f"{stack}-{t}")["Table"]
    out["tables"][t]["ttl"] = ddb.describe_time_to_live(TableName=f"{stack}-{t}")["TimeToLiveDescription"]

s3 = c("s3")
lake = out["resources"]["LakeBucket"]
out["lake_encryption"] = s3.get_bucket_encryption(Bucket=lake)["ServerSideEncryptionConfiguration"]
artifacts = f"{stack}-artifacts-123456789012-{region}"
out["artifacts_keys"] = [o["Key"] for o in s3.list_objects_v2(Bucket=artifacts).get("Contents", [])]
out["artifacts_public_access_block"] = s3.get_public_access_block(Bucket=artifacts)["PublicAccessBlockConfiguration"]

iam = c("iam")
out["roles"] = {}
for role in iam.list_roles()["Roles"]:
    name = role["RoleName"]
    if not name.startswith(stack + "-"):
        continue
    policies = {}
    for p in iam.list_role_policies(RoleName=name)["PolicyNames"]:
        doc = iam.get_role_policy(RoleName=name, PolicyName=p)["PolicyDocument"]
        if isinstance(doc, str):  # moto may return the document as text, JSON or Python literal
            try:
                doc = json.loads(doc)
            except ValueError:
                doc = ast.literal_eval(doc)
        policies[p] = doc
    out["roles"][name] = {"assume": role["AssumeRolePolicyDocument"], "policies": policies}

lam = c("lambda")
out["function"] = lam.get_function_configuration(FunctionName=stack + "-pricing")
out["mappings"] = lam.list_event_source_mappings(FunctionName=stack + "-pricing")["EventSourceMappings"]
out["queue_url"] = c("sqs").get_queue_url(QueueName=stack + "-pricing-failures")["QueueUrl"]

apigw = c("apigateway")
api = out["resources"]["IngestApi"]
out["api_resources"] = apigw.get_resources(restApiId=api)["items"]
events = [r for r in out["api_resources"] if r["path"] == "/events"]
if events:
    out["api_integration"] = apigw.get_integration(restApiId=api, resourceId=events[0]["id"], httpMethod="POST")
    out["api_method"] = apigw.get_method(restApiId=api, resourceId=events[0]["id"], httpMethod="POST")
    out["api_preflight_integration"] = apigw.get_integration(restApiId=api, resourceId=events[0]["id"], httpMethod="OPTIONS")
    out["api_preflight_method"] = apigw.get_method(restApiId=api, resourceId=events[0]["id"], httpMethod="OPTIONS")
# what moto's CloudFormation does not create (AWS::ApiGateway::Model, RequestValidator, GatewayResponse)
# comes back empty; DeployOnMotoIT then checks the template
out["api_validators"] = apigw.get_request_validators(restApiId=api).get("items", [])
out["api_models"] = apigw.get_models(restApiId=api).get("items", [])
try:
    out["api_gateway_responses"] = apigw.get_gateway_responses(restApiId=api).get("items", [])
except Exception as e:  # not every moto implements it
    out["api_gateway_responses"] = []
    out["api_gateway_responses_error"] = str(e)

out["dashboard"] = json.loads(c("cloudwatch").get_dashboard(DashboardName=stack)["DashboardBody"])
out["alarms"] = [a["AlarmName"] for a in c("cloudwatch").describe_alarms()["MetricAlarms"]]
out["topics"] = [t["TopicArn"] for t in c("sns").list_topics()["Topics"]]
out["rule"] = c("events").describe_rule(Name=stack + "-glue-job-failures")
out["log_groups"] = [g["logGroupName"] for g in c("logs").describe_log_groups()["logGroups"]]

json.dump(out, sys.stdout, default=str)
