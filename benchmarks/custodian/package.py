"""Lays out Cloud Custodian's Lambda package for policy.yml in a folder, as its `mu` module builds it.

Usage: python package.py POLICY_FILE OUT_DIR ACCOUNT_ID

c7n.mu.PolicyLambda makes the zip that `custodian run` uploads: the c7n package, config.json (the
policy and the execution options) and custodian_policy.py, whose run(event, context) is the
function's handler. The account id only serves the policy's validation here: mu keeps none in
config.json, so the function asks STS for it on its first event, as a deployed one does. The zip
is extracted into OUT_DIR, as Lambda extracts it into /var/task. boto3 is not in the zip: Lambda's Python
runtime provides it, and here the venv does.
"""
import io
import sys
import zipfile

import yaml
from c7n.config import Config
from c7n.mu import PolicyLambda
from c7n.policy import PolicyCollection
from c7n.resources import load_resources


def main(policy_file, out_dir, account_id):
    with open(policy_file) as f:
        data = yaml.safe_load(f)
    load_resources(("aws.cloudtrail",))
    options = Config.empty(account_id=account_id, region="us-east-1", regions=["us-east-1"])
    (policy,) = PolicyCollection.from_data(data, options)
    policy.validate()
    archive = PolicyLambda(policy).get_archive()
    with zipfile.ZipFile(io.BytesIO(archive.get_bytes())) as z:
        z.extractall(out_dir)
        print(f"{out_dir}: {len(z.namelist())} files, {len(archive.get_bytes()) / 1048576:.1f} MB zipped")


if __name__ == "__main__":
    main(*sys.argv[1:])
