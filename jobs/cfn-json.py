#!/usr/bin/env python3
"""Prints a CloudFormation YAML template as JSON, short-form tags (!Ref, !Sub, ...) in their
long form (Ref, Fn::Sub, ...), with cfn-lint's own decoder. For the tests and jobs/deploy.sh."""
import json
import sys

from cfnlint.decode import decode

template, problems = decode(sys.argv[1])
if problems or template is None:
    for p in problems or []:
        print(p, file=sys.stderr)
    sys.exit(1)
json.dump(template, sys.stdout, indent=1, default=str)
