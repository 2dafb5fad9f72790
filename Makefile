# Front end for kernel engineers: no Maven knowledge needed.  `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := all

MVN      ?= mvn -q -B -Dstyle.color=never
BUILD    := build
SPEC     := spec
CP_FILE  := $(BUILD)/generator.classpath
# The reference implementation's classpath (conformance, on the model library): make check asks it about
# the spec's variables.
IMPL_CP  := $(BUILD)/conformance.classpath
SOURCES  := $(shell find model/src/main generator/src/main conformance/src/main -type f 2>/dev/null)
POMS     := pom.xml model/pom.xml generator/pom.xml conformance/pom.xml
TOOL     := bin/pcilc
DESIGNS  := $(shell awk -F'\t' '!/^\#/ && NF {print $$1}' $(SPEC)/manifest.tsv)
GENERATED := $(BUILD)/generated
RUNS     := $(BUILD)/runs
# TLC's state graph of design %, from its run: the spec's variables (its vars record) for the snapshot check.
GRAPH    := $(RUNS)/%/graph
# Biggest state space first: with two at a time, the longest job (zpci-mainline: its run, then its path
# cover) starts at once and the other slot does the rest (and, in make test, the citations and the kernel
# smoke run).
BIGGEST_FIRST := $(shell awk -F'\t' '!/^\#/ && NF {print $$5, $$1}' $(SPEC)/manifest.tsv | sort -k1,1nr -k2 | \
              awk '{print $$2}')
RESULTS  := $(foreach d,$(BIGGEST_FIRST),$(RUNS)/$(d)/result)
STAMPS   := $(foreach d,$(BIGGEST_FIRST),$(GENERATED)/stamps/$(d))

.PHONY: all help designs review runs check record report report-screenshot generate suites promote bench soak test clean sources citations fidelity kernel kernel-smoke prune-suites

all: check ## the main job: check every design of the matrix against the manifest

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

# Compile the tools (generator, on the model library) and record their classpath (model/target/classes and
# the jars); re-run only when sources or poms change.
$(CP_FILE): $(POMS) $(SOURCES)
	@mkdir -p $(BUILD)
	$(MVN) -pl generator -am compile dependency:build-classpath -Dmdep.outputFile=$(abspath $(CP_FILE)) \
	  -Dmdep.includeScope=runtime
	@touch $@

$(IMPL_CP): $(POMS) $(SOURCES) | $(CP_FILE)
	@mkdir -p $(BUILD)
	$(MVN) -pl conformance -am compile dependency:build-classpath -Dmdep.outputFile=$(abspath $(IMPL_CP)) \
	  -Dmdep.includeScope=runtime
	@touch $@

designs: $(CP_FILE) ## one line per design: name, expected result, description
	@$(TOOL) designs

# One TLC run per design, with the graph writer: build/runs/<design>/result (verdict, counts, seconds, TLC's
# output) and graph (every state and transition with its thread and parameters), written whole or not at
# all. Everything else reads them. A run is redone when its cfg, a module its module EXTENDS or INSTANCEs,
# its manifest row's module or cfg (the model file), or the tools change: build/runs/deps.mk, written from the
# spec by bin/pcilc deps, says which. Goals that read no run do not read (or make) the include.
NO_RUNS := help clean designs sources citations fidelity kernel kernel-smoke promote prune-suites $(CP_FILE)
ifneq ($(filter-out $(NO_RUNS),$(or $(MAKECMDGOALS),$(.DEFAULT_GOAL))),)
include $(RUNS)/deps.mk
endif

$(RUNS)/deps.mk: $(SPEC)/manifest.tsv $(wildcard $(SPEC)/*.tla) $(CP_FILE)
	@$(TOOL) deps

# a model file is written by bin/pcilc deps, when the manifest's module or cfg of the design changes
$(RUNS)/%/model:
	@$(TOOL) deps

$(RUNS)/%/result: $(CP_FILE)
	@$(TOOL) run $*

runs: $(RESULTS)

review: $(CP_FILE) ## make review DESIGN=<name>: its TLC run (made if out of date), TLC's output; a violation's swimlane table and SVG under build/review/<name>/
	@if [ -z "$(DESIGN)" ]; then echo "error: make review needs DESIGN=<name> (make designs lists them)" >&2; exit 1; fi
	@$(MAKE) -s --no-print-directory $(RUNS)/$(DESIGN)/result
	@$(TOOL) review "$(DESIGN)"

# -k: a design whose run fails (a spec that does not parse) is an ERROR row of the table, the others still run.
# Then, for every module with a graph, whether the implementation's snapshot has the spec's variables (one
# line a module): a new spec variable shows here, not in make test. Both run; either failing fails check.
check: $(CP_FILE) $(IMPL_CP) ## every design (TLC only where the spec, cfg or tools changed); compare result, distinct states and depth with spec/manifest.tsv; then each module's snapshot
	@$(MAKE) -s --no-print-directory -k -j2 runs; status=0; $(TOOL) check || status=$$?; \
	  java -cp "conformance/target/classes:$$(cat $(IMPL_CP))" pcilc.conform.SnapshotCheck --spec $(SPEC) \
	    --graph '$(GRAPH)' || status=1; \
	  exit $$status

record: $(CP_FILE) ## write TLC's distinct states and depth into the manifest for designs with their expected result; DESIGN=<name>: that row only
ifdef DESIGN
	@$(MAKE) -s --no-print-directory $(RUNS)/$(DESIGN)/result
	@$(TOOL) record "$(DESIGN)"
else
	@$(MAKE) -s --no-print-directory -k -j2 runs; $(TOOL) record
endif

# One design's conformance suite, from its stored run (graph and verdict), remade when the run or the tools
# change. The stamp keeps the generation's summary line.
$(GENERATED)/stamps/%: $(RUNS)/%/result $(CP_FILE)
	@mkdir -p $(@D)
	@$(TOOL) generate $* > $@.tmp || { cat $@.tmp; rm -f $@.tmp; exit 1; }
	@mv $@.tmp $@
	@cat $@

suites: $(STAMPS)

generate: $(CP_FILE) ## conformance suites from the stored TLC graphs: every design (changed ones only), or DESIGN=<name> (always)
ifdef DESIGN
	@$(MAKE) -s --no-print-directory $(RUNS)/$(DESIGN)/result
	@mkdir -p $(GENERATED)/stamps
	@set -o pipefail; $(TOOL) generate "$(DESIGN)" | tee $(GENERATED)/stamps/$(DESIGN).tmp && mv $(GENERATED)/stamps/$(DESIGN).tmp $(GENERATED)/stamps/$(DESIGN)
else
	@$(MAKE) --no-print-directory -j2 suites
	@$(MAKE) --no-print-directory prune-suites
endif

# The summary line, and the suites of designs no longer in the manifest removed.
prune-suites:
	@echo "generate: $(words $(DESIGNS)) designs; suites in $(GENERATED)/conformance; summaries in $(GENERATED)/stamps"
	@for f in $(GENERATED)/conformance/resources/pcilc/generated/*.conformance; do \
	  d=$$(basename $$f .conformance); case " $(DESIGNS) " in *" $$d "*) ;; *) \
	  echo "removing the suite of $$d (no longer in the manifest)"; rm -f $$f $(GENERATED)/stamps/$$d; \
	  grep -l "Replay.load(\"$$d\")" $(GENERATED)/conformance/java/pcilc/generated/*.java | xargs -r rm -f;; esac; done

report: $(CP_FILE) ## every design's stored run (made if out of date): build/report/index.html and docs/report.md
	@$(MAKE) -s --no-print-directory -k -j2 runs; $(TOOL) report

# A real browser renders the page (Debian: apt-get install -y chromium); not part of make test.
SHOT      := $(BUILD)/report/report.png
SHOT_SIZE := 1400 2000
report-screenshot: report ## headless Chromium screenshot of the report (build/report/report.png), checked not blank
	@command -v chromium >/dev/null || { echo "error: report-screenshot needs chromium (apt-get install -y chromium)" >&2; exit 1; }
	@profile=$$(mktemp -d) && trap 'rm -rf "$$profile"' EXIT && rm -f $(SHOT) && \
	  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --user-data-dir="$$profile" --screenshot=$(abspath $(SHOT)) \
	    --window-size=$(word 1,$(SHOT_SIZE)),$(word 2,$(SHOT_SIZE)) file://$(abspath $(BUILD)/report/index.html) 2>/dev/null
	@java -cp "generator/target/classes:$$(cat $(CP_FILE))" pcilc.review.PngCheck $(SHOT) $(SHOT_SIZE)

# The kernel sources the spec cites, at the pinned versions (Debian's linux-source-6.1 and -6.12).
sources: ## fetch and unpack the pinned kernel sources the spec cites under build/kernel-src (about 40 s, 175 MB)
	@bin/kernel-sources $(BUILD)/kernel-src

citations: sources $(CP_FILE) ## check every @source citation of spec/ against the pinned kernel sources
	@$(TOOL) citations

fidelity: $(CP_FILE) ## docs/fidelity.md from the spec's @source/@fidelity/@ghost/@tree lines
	@$(TOOL) fidelity

# Real kernels under QEMU (kernel/*.sh; root installs QEMU, busybox-static and cpio with apt-get): each run of
# a scenario is a trace, and every trace must be a behaviour of its kernel's design (bin/pcilc traces).
KERNEL_RUNS ?= 120
KERNEL_DIR  := $(BUILD)/kernel
kernel: $(CP_FILE) ## boot Debian's 6.1.192 and 6.12.117 (x86_64) and 6.1.176 (s390x) under QEMU, trace KERNEL_RUNS runs each, validate every trace with TLC
	@kernel/amd64.sh 6.1.192 $(KERNEL_DIR)/linux-6.1.192-amd64 $(KERNEL_RUNS)
	@kernel/amd64.sh 6.12.117 $(KERNEL_DIR)/linux-6.12.117-amd64 $(KERNEL_RUNS)
	@kernel/s390x.sh 6.1.176 $(KERNEL_DIR)/linux-6.1.176-s390x $(KERNEL_RUNS)
	@$(TOOL) traces $(KERNEL_DIR)/linux-6.1.192-amd64 $(KERNEL_DIR)/linux-6.12.117-amd64 $(KERNEL_DIR)/linux-6.1.176-s390x

# make test's smoke run: one boot per architecture, a few runs, the same validation.
SMOKE_DIR := $(BUILD)/kernel-smoke
kernel-smoke: $(CP_FILE) ## one boot per architecture, a few scenarios, their traces validated (part of make test)
	@kernel/amd64.sh 6.1.192 $(SMOKE_DIR)/linux-6.1.192-amd64 12
	@PCILC_SCENARIOS=firmware,power_off+power_on,power_off+firmware kernel/s390x.sh 6.1.176 $(SMOKE_DIR)/linux-6.1.176-s390x 6
	@$(TOOL) --out $(SMOKE_DIR) traces $(SMOKE_DIR)/linux-6.1.192-amd64 $(SMOKE_DIR)/linux-6.1.176-s390x

# Not quiet: Surefire's "Tests run:" summary is what CI reads. Always against freshly generated suites.
# The runs, the suites, the citations and the kernel smoke run share two job slots: each suite waits for its
# design's run only, biggest first, so zpci-mainline's path cover (the longest job) starts once its run is
# done; the smoke run mostly waits for downloads and QEMU. The suites' stamps need every design's run, which
# the design matrix test (mvn verify) reads.
test: $(CP_FILE) ## the whole test suite: the citation check, a real-kernel smoke run, unit tests, the design matrix, the generated conformance suites
	@$(MAKE) --no-print-directory -j2 suites citations kernel-smoke
	@$(MAKE) --no-print-directory prune-suites
	mvn -B -Dstyle.color=never verify

REPORTS := conformance/target/surefire-reports

# Time and peak memory of each generation (from the stored run: reading the graph, the path cover,
# Velocity; wall seconds and peak RSS; the runs themselves are made first, not measured) and of each
# generated suite's run.
bench: $(CP_FILE) ## measure generation (seconds, peak RSS) per design and the generated suites' run time: build/bench.md
	@$(MAKE) --no-print-directory -j2 runs
	@echo "| design | generate: summary | wall s | peak RSS MB |" > $(BUILD)/bench.md.tmp
	@echo "| --- | --- | --- | --- |" >> $(BUILD)/bench.md.tmp
	@for d in $(DESIGNS); do \
	  /usr/bin/time -f "%e %M" -o $(BUILD)/bench.time $(TOOL) generate $$d > $(BUILD)/bench.line || exit 1; \
	  read wall rss < $(BUILD)/bench.time; \
	  echo "| $$d | $$(tail -1 $(BUILD)/bench.line) | $$wall | $$((rss / 1024)) |" >> $(BUILD)/bench.md.tmp; done
	@# Surefire reads -Dtest='pcilc.generated.*' as the files pcilc/generated.* (its ResolvedTest: a trailing
	@# ".*" is any extension), so it ran nothing and the table showed the reports left by the last make test.
	@# Now: the package's classes, no stale reports, and 0 tests is an error (checked below from the reports:
	@# -am builds the model library too, which has no such class, hence -Dsurefire.failIfNoSpecifiedTests=false).
	@rm -f $(REPORTS)/TEST-pcilc.generated.*.xml
	@mvn -q -B -Dstyle.color=never -pl conformance -am test -Dtest='pcilc/generated/**' -Dsurefire.failIfNoSpecifiedTests=false
	@echo >> $(BUILD)/bench.md.tmp; echo "| generated suite | tests | seconds |" >> $(BUILD)/bench.md.tmp
	@echo "| --- | --- | --- |" >> $(BUILD)/bench.md.tmp
	@# a big suite is split into nested Part classes, each with a report of its own: their tests are summed;
	@# the outer class's time is the suite's (JUnit runs the nested classes inside it)
	@for f in $(REPORTS)/TEST-pcilc.generated.*.xml; do \
	  [ -e "$$f" ] && sed -n 's/.*<testsuite [^>]*name="pcilc.generated.\([^"]*\)" time="\([0-9.]*\)" tests="\([0-9]*\)".*/\1 \3 \2/p' $$f; done \
	  | awk '{s = $$1; sub(/\$$.*/, "", s); n[s] += $$2; if (s == $$1) t[s] = $$3} \
	         END {for (s in n) printf "| %s | %d | %.2f |\n", s, n[s], t[s]}' \
	  | LC_ALL=C sort > $(BUILD)/bench.suites
	@tests=$$(awk -F' [|] ' '{n += $$2} END {print n + 0}' $(BUILD)/bench.suites); if [ "$$tests" -eq 0 ]; then \
	  echo "error: make bench: the generated suites ran 0 tests (no pcilc.generated reports in $(REPORTS)); nothing was measured" >&2; \
	  rm -f $(BUILD)/bench.md.tmp $(BUILD)/bench.suites; exit 1; fi
	@cat $(BUILD)/bench.suites >> $(BUILD)/bench.md.tmp; rm -f $(BUILD)/bench.suites
	@mv $(BUILD)/bench.md.tmp $(BUILD)/bench.md; cat $(BUILD)/bench.md

# The concurrency-sensitive tests (Lincheck, free-running threads, the step scheduler's controlled
# interleavings, the generated suites) N times, each repetition in a JVM of its own, SOAK_JOBS at a time;
# build/soak/summary.md counts each test's failures. Non-zero exit if any test failed once.
N          ?= 20
SOAK_JOBS  ?= 2
SOAK_TESTS ?= pcilc.ref.LincheckTest pcilc.ref.FreeRunningTest pcilc.ref.DocumentedInterleavingTest \
              pcilc.ref.StepSchedulerTest pcilc.ref.StateSpaceTest pcilc.ref.WaitQueueTest pcilc.ref.KrefTest \
              pcilc.ref.cfgaccess.CfgAccessTest pcilc.ref.xen.XenPirqTest pcilc.generated.*
# JVM options of each repetition: none by default (as CI runs the tests). SOAK_JAVA_OPTS=-Xmn16m collects
# the garbage every few milliseconds, for a test that leans on what the collector keeps (the LincheckTest
# flake), at about three times the cost.
SOAK_JAVA_OPTS ?=
SOAK_CP    := $(BUILD)/conformance-test.classpath
soak: generate ## the concurrency-sensitive tests N times (make soak N=20): failures per test in build/soak/summary.md
	$(MVN) -pl conformance -am test-compile dependency:build-classpath -Dmdep.outputFile=$(abspath $(SOAK_CP)) \
	  -Dmdep.includeScope=test
	@rm -rf $(BUILD)/soak; mkdir -p $(BUILD)/soak
	@cp="target/test-classes:target/classes:$$(cat $(SOAK_CP))"; start=$$(date +%s); \
	  seq -w $(N) | xargs -P $(SOAK_JOBS) -I{} sh -c 'cd conformance && java $(SOAK_JAVA_OPTS) -cp "$$0" pcilc.conform.Soak run \
	    ../$(BUILD)/soak/run-{}.tsv $(SOAK_TESTS) > ../$(BUILD)/soak/run-{}.log 2>&1; \
	    echo "soak: repetition {} done: $$(cat ../$(BUILD)/soak/run-{}.tsv 2>/dev/null | grep -c ^fail) failed"' "$$cp"; \
	  echo "soak: $(N) repetitions, $(SOAK_JOBS) at a time, java $(SOAK_JAVA_OPTS): $$(( $$(date +%s) - start )) s" > $(BUILD)/soak/time
	@cd conformance && java -cp "target/test-classes:target/classes:$$(cat ../$(SOAK_CP))" pcilc.conform.Soak \
	  summarize ../$(BUILD)/soak $(N) > ../$(BUILD)/soak/summary.md; status=$$?; \
	  cat ../$(BUILD)/soak/summary.md ../$(BUILD)/soak/time; exit $$status

promote: ## rewrite the generator's golden files from its current output (then review the diff)
	$(MVN) -pl generator -am test -Dtest=GenerateTest -Dsurefire.failIfNoSpecifiedTests=false -Dpcilc.promote=true

clean: ## remove build output
	rm -rf $(BUILD)
	$(MVN) clean
