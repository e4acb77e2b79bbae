"""One cold start of Cloud Custodian's policy function, as Lambda's Python runtime runs it.

Usage (cwd = the extracted package, which is first on PYTHONPATH):
    python lambda_run.py EVENT_FILE [WARM_EVENT_FILE ...]

The runtime imports the handler's module, then calls run(event, context) with the event as a
dict. This prints FIRST-EVENT-DONE after the first event (the runner's wall-clock mark), then
decides the warm events, if any, in the same process, as a warm Lambda container would, then
prints one PEER line: the import, the first event (config, session, resources, filters, action),
the process's CPU time up to the end of the first event, and the median wall time of a warm event.

moto answers DescribeTrails with every trail in the account whatever trailNameList names; AWS
returns the named trails only. The emulators are shared, so the account holds hundreds of other
tests' trails, and Custodian would check the status of each. The runner trims the answer to the
named trails, as AWS would answer, before Custodian sees it.
"""
import json
import os
import sys
import time

start = time.perf_counter()


class Context:
    function_name = "custodian-backstop-bench-trail-logging"
    aws_request_id = "bench"

    def get_remaining_time_in_millis(self):
        return 900_000


def as_aws_answers(session):
    """Registers, on every botocore session, the trim of DescribeTrails to the trails it names."""

    def remember(params, context, **_):
        context["trail_names"] = set(params.get("trailNameList") or ())

    def trim(parsed, context, **_):
        names = context.get("trail_names")
        if names and "trailList" in parsed:
            parsed["trailList"] = [t for t in parsed["trailList"] if t.get("Name") in names or t.get("TrailARN") in names]

    session.register("provide-client-params.cloudtrail.DescribeTrails", remember)
    session.register("after-call.cloudtrail.DescribeTrails", trim)


def emulate_aws():
    import botocore.session

    init = botocore.session.Session.__init__

    def patched(self, *args, **kwargs):
        init(self, *args, **kwargs)
        as_aws_answers(self)

    botocore.session.Session.__init__ = patched


def read(event_file):
    with open(event_file) as f:
        return json.load(f)


def main(event_file, *warm_files):
    event = read(event_file)
    emulate_aws()
    import custodian_policy  # the handler's module: c7n.handler and what it imports

    imported = time.perf_counter()
    custodian_policy.run(event, Context())
    done = time.perf_counter()
    print("FIRST-EVENT-DONE", flush=True)
    times = os.times()
    warm = []
    for warm_file in warm_files:
        warm_event = read(warm_file)
        before = time.perf_counter()
        custodian_policy.run(warm_event, Context())
        warm.append((time.perf_counter() - before) * 1000)
    warm.sort()
    warm_fields = f" warm_events={len(warm)} warm_median_ms={warm[len(warm) // 2]:.1f}" if warm else ""
    print(
        "PEER"
        f" import_ms={(imported - start) * 1000:.1f}"
        f" event_ms={(done - imported) * 1000:.1f}"
        f" total_ms={(done - start) * 1000:.1f}"
        f" cpu_ms={(times.user + times.system) * 1000:.1f}"
        + warm_fields,
        flush=True,
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
