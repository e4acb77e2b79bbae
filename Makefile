# Lambda artifacts for `sam build` (template.yaml: `Metadata: BuildMethod: makefile`).
#
# Maven decides what goes into each artifact: every function is a module under handlers/ whose
# package phase lays out handlers/<module>/target/lambda/lib (its own jar and its runtime
# dependencies, as Maven resolves them; see handlers/pom.xml). This Makefile only builds the
# reactor, once for all functions, and copies a module's artifact to where SAM wants it.
#
# For each function SAM runs `make build-<LogicalId>` with ARTIFACTS_DIR set to that function's
# artifact directory, in the checkout itself (samconfig.toml: build_in_source), so the reactor
# stamp and the shrunk artifacts below are shared by every function of one `sam build`.
#
# By hand: make build-CloudTrailFunction ARTIFACTS_DIR=/tmp/backstop-artifact

MVN       ?= mvn
MVN_FLAGS ?= --batch-mode --quiet -DskipTests

comma := ,
empty :=
space := $(empty) $(empty)

HANDLER_MODULES := $(patsubst %/pom.xml,%,$(wildcard handlers/*/pom.xml))
# Whatever can change an artifact: sources, POMs, the default rule pack, the priming samples.
SOURCES := $(shell find pom.xml shared handlers rules events -name target -prune -o -type f -print)
REACTOR := target/lambda-artifacts.stamp

# One reactor run builds every function's artifact (`clean`, so no class of a deleted source
# survives into a deployment).
$(REACTOR): $(SOURCES)
	$(MVN) $(MVN_FLAGS) -pl $(subst $(space),$(comma),$(HANDLER_MODULES)) -am clean package
	mkdir -p $(dir $@) && touch $@

# Artifacts over 15 MB zipped (EC2's SDK module alone is 25 MB, S3 and S3 Control's 5 MB, RDS's 6 MB) carry
# their SDK service modules cut down to the classes the function's code reaches, by
# scripts/shrink-sdk (ProGuard, shrink only): once per artifact, whichever functions share it.
# scripts/check-artifacts runs each shrunk artifact's handler against the emulators.
.PRECIOUS: handlers/%/target/lambda-shrunk/.done

handlers/%/target/lambda-shrunk/.done: $(REACTOR)
	rm -rf $(dir $@) && mkdir -p $(dir $@)
	cp -R handlers/$*/target/lambda/lib $(dir $@)lib
	MVN="$(MVN)" MVN_FLAGS="$(MVN_FLAGS)" scripts/shrink-sdk $(dir $@)lib
	touch $@

# Every function's artifact, built and shrunk ahead of sam build (`make -j2 artifacts`: the
# shrinks run side by side), so that each `make build-<LogicalId>` only copies.
.PHONY: artifacts
artifacts: $(REACTOR) $(patsubst %,handlers/%/target/lambda-shrunk/.done,ec2 s3 alarm canary cloudtrail trail-watchdog selfwatch detection findings s3-findings rds iam)

# $(call lambda-artifact,DIR): copies the artifact laid out in DIR/lib for SAM.
define lambda-artifact
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set: run through sam build, or make $@ ARTIFACTS_DIR=<dir>" >&2; exit 2; }
	rm -rf "$(ARTIFACTS_DIR)/lib" && mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(1)/lib/*.jar "$(ARTIFACTS_DIR)/lib/"
endef

# One line per function in template.yaml: its logical id and its module's artifact.
.PHONY: build-CloudTrailFunction build-TrailWatchdogFunction build-IamFunction build-Ec2Function \
	build-S3Function build-LambdaFunction build-AlarmFunction build-SnsAlarmFunction build-RdsFunction \
	build-RolesAnywhereFunction build-CanaryFunction build-SelfWatchFunction build-DetectionFunction build-FindingsFunction \
	build-NotifyFunction build-S3FindingsFunction
build-CloudTrailFunction: handlers/cloudtrail/target/lambda-shrunk/.done ; $(call lambda-artifact,handlers/cloudtrail/target/lambda-shrunk)
build-TrailWatchdogFunction: handlers/trail-watchdog/target/lambda-shrunk/.done ; $(call lambda-artifact,handlers/trail-watchdog/target/lambda-shrunk)
build-IamFunction: handlers/iam/target/lambda-shrunk/.done ; $(call lambda-artifact,handlers/iam/target/lambda-shrunk)
build-Ec2Function: handlers/ec2/target/lambda-shrunk/.done ; $(call lambda-artifact,handlers/ec2/target/lambda-shrunk)
build-S3Function: handlers/s3/target/lambda-shrunk/.done ; $(call lambda-artifact,handlers/s3/target/lambda-shrunk)
build-LambdaFunction: $(REACTOR) ; $(call lambda-artifact,handlers/lambda/target/lambda)
build-RdsFunction: handlers/rds/target/lambda-shrunk/.done ; $(call lambda-artifact,handlers/rds/target/lambda-shrunk)
build-RolesAnywhereFunction: $(REACTOR) ; $(call lambda-artifact,handlers/rolesanywhere/target/lambda)
# Both alarm functions run the alarm module's artifact (two entry points, one graph).
build-AlarmFunction: handlers/alarm/target/lambda-shrunk/.done ; $(call lambda-artifact,handlers/alarm/target/lambda-shrunk)
build-SnsAlarmFunction: handlers/alarm/target/lambda-shrunk/.done ; $(call lambda-artifact,handlers/alarm/target/lambda-shrunk)
# The canary carries S3's SDK module (its change is on a bucket): shrunk as the S3 function's is.
build-CanaryFunction: handlers/canary/target/lambda-shrunk/.done ; $(call lambda-artifact,handlers/canary/target/lambda-shrunk)
build-SelfWatchFunction: handlers/selfwatch/target/lambda-shrunk/.done ; $(call lambda-artifact,handlers/selfwatch/target/lambda-shrunk)
# The detection function carries five SDK modules (CloudWatch Logs' alone is 3.5 MB): 14.7 MB zipped unshrunk.
build-DetectionFunction: handlers/detection/target/lambda-shrunk/.done ; $(call lambda-artifact,handlers/detection/target/lambda-shrunk)
# The findings function carries EC2's SDK module (S3's went to the S3 findings function, or the
# artifact was over 15 MB even shrunk): shrunk, as the EC2 function's is.
build-FindingsFunction: handlers/findings/target/lambda-shrunk/.done ; $(call lambda-artifact,handlers/findings/target/lambda-shrunk)
# The S3 findings function carries S3's and S3 Control's SDK modules: shrunk, as the S3 function's is.
build-S3FindingsFunction: handlers/s3-findings/target/lambda-shrunk/.done ; $(call lambda-artifact,handlers/s3-findings/target/lambda-shrunk)
# The notification function: the channels and Secrets Manager, no action.
build-NotifyFunction: $(REACTOR) ; $(call lambda-artifact,handlers/notify/target/lambda)
