# Lambda artifacts for `sam build` (template.yaml: `Metadata: BuildMethod: makefile`).
#
# For each function SAM runs `make build-<LogicalId>` with ARTIFACTS_DIR set to that
# function's artifact directory. The working directory is a scratch copy of the CodeUri
# (the repository root, minus .git and .aws-sam) or, with `sam build --build-in-source`,
# the checkout itself: nothing here depends on which.
#
# Lambda's Java runtime puts the zip root and every lib/*.jar on the classpath, so the
# artifact is: the handler module's own jar and all of its runtime dependency jars
# (backstop-shared included, no test or provided scope) in lib/, and nothing at the root.
# Jars only, because AppCDS (class data sharing, which halves a fresh JVM's start) refuses a
# class path holding a non-empty directory. A zip holding one fat jar would not work.
#
# By hand: make build-CloudTrailFunction ARTIFACTS_DIR=/tmp/backstop-artifact

MVN       ?= mvn
MVN_FLAGS ?= --batch-mode --quiet -DskipTests
# Per-module scratch folder for copied jars (relative paths resolve per module).
LAMBDA_LIB := target/lambda-lib

# SDK service modules that only some functions use. Every function's artifact keeps the ones
# named for it and loses the others, so no function carries another domain's clients (the
# EC2 module alone weighs 26 MB, S3's 4.4 MB: a team's rule file is read with one signed GET,
# not the S3 client). Its Dagger graph references only its own domain's actions and clients.
DOMAIN_SERVICES := cloudtrail iam ec2 s3 s3control lambda

# $(call lambda-artifact,MODULE,SERVICES)
# One reactor run builds MODULE and the modules it depends on (`clean` so no class of a
# deleted source survives into a deployment), and copies each module's runtime
# dependencies; within the reactor backstop-shared resolves to the jar just built, so
# nothing needs `mvn install` first. Then MODULE's jar and its dependencies go into
# ARTIFACTS_DIR/lib, and scripts/shrink-sdk cuts the SDK service modules left there (EC2's
# 25 MB, DynamoDB's 2.9 MB, ...) down to the classes the function's code reaches, with
# ProGuard in shrink-only mode, so that each zipped artifact stays within issue 8's 15 MB.
# scripts/check-artifacts runs each shrunk artifact's handler against the emulators.
define lambda-artifact
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set: run through sam build, or make $@ ARTIFACTS_DIR=<dir>" >&2; exit 2; }
	$(MVN) $(MVN_FLAGS) -pl $(1) -am clean package dependency:copy-dependencies \
	  -DincludeScope=runtime -DoutputDirectory=$(LAMBDA_LIB)
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	find $(1)/target -maxdepth 1 -name '*.jar' ! -name '*-tests.jar' ! -name '*-sources.jar' -exec cp {} "$(ARTIFACTS_DIR)/lib/" \;
	cp $(1)/$(LAMBDA_LIB)/*.jar "$(ARTIFACTS_DIR)/lib/"
	cd "$(ARTIFACTS_DIR)/lib" && for service in $(filter-out $(2),$(DOMAIN_SERVICES)); do rm -f "$$service"-[0-9]*.jar; done
	MVN="$(MVN)" MVN_FLAGS="$(MVN_FLAGS)" scripts/shrink-sdk "$(ARTIFACTS_DIR)/lib"
endef

# One line per function in template.yaml (all handlers live in the `handlers` module), naming
# the domain services it keeps.
.PHONY: build-CloudTrailFunction
build-CloudTrailFunction: ; $(call lambda-artifact,handlers,cloudtrail)
.PHONY: build-TrailWatchdogFunction
build-TrailWatchdogFunction: ; $(call lambda-artifact,handlers,cloudtrail)
.PHONY: build-IamFunction
build-IamFunction: ; $(call lambda-artifact,handlers,iam)
.PHONY: build-Ec2Function
build-Ec2Function: ; $(call lambda-artifact,handlers,ec2)
.PHONY: build-S3Function
build-S3Function: ; $(call lambda-artifact,handlers,s3 s3control)
.PHONY: build-LambdaFunction
build-LambdaFunction: ; $(call lambda-artifact,handlers,lambda)
# The alarm functions look changes up in CloudTrail and keep the SDKs of the alarm actions
# (Lambda aliases, EC2 instances).
.PHONY: build-AlarmFunction
build-AlarmFunction: ; $(call lambda-artifact,handlers,cloudtrail lambda ec2 iam)
.PHONY: build-SnsAlarmFunction
build-SnsAlarmFunction: ; $(call lambda-artifact,handlers,cloudtrail lambda ec2 iam)
