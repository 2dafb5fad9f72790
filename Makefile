# Front end for kernel engineers: no Maven knowledge needed.  `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := all

MVN      ?= mvn -q -B -Dstyle.color=never
BUILD    := build
CP_FILE  := $(BUILD)/generator.classpath
SOURCES  := $(shell find generator/src/main -type f 2>/dev/null)
POMS     := pom.xml generator/pom.xml
TOOL     := bin/pcilc

.PHONY: all help designs review check record report report-screenshot test clean

all: check ## the main job: check every design of the matrix against the manifest

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

# Compile the tools and record their classpath; re-run only when sources or poms change.
$(CP_FILE): $(POMS) $(SOURCES)
	@mkdir -p $(BUILD)
	$(MVN) -pl generator -am compile dependency:build-classpath -Dmdep.outputFile=$(abspath $(CP_FILE)) \
	  -Dmdep.includeScope=runtime
	@touch $@

designs: $(CP_FILE) ## one line per design: name, expected result, description
	@$(TOOL) designs

review: $(CP_FILE) ## TLC on one design: make review DESIGN=<name>; a violation's swimlane table and SVG under build/review/<name>/
	@if [ -z "$(DESIGN)" ]; then echo "error: make review needs DESIGN=<name> (make designs lists them)" >&2; exit 1; fi
	@$(TOOL) review "$(DESIGN)"

check: $(CP_FILE) ## every design; compare result, distinct states and depth with spec/manifest.tsv
	@$(TOOL) check

record: $(CP_FILE) ## write TLC's distinct states and depth into the manifest for designs with their expected result
	@$(TOOL) record

report: $(CP_FILE) ## every design (reusing results newer than spec and cfg): build/report/index.html and docs/report.md
	@$(TOOL) report

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

# Not quiet: Surefire's "Tests run:" summary is what CI reads.
test: ## the whole test suite (unit tests, and the design matrix as JUnit tests)
	mvn -B -Dstyle.color=never verify

clean: ## remove build output
	rm -rf $(BUILD)
	$(MVN) clean
