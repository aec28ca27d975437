# segq — `make run` builds and opens the REPL on the bundled sample store;
# `make test` builds and runs every test. Both install what they need.
SWIFT      ?= swift
SAMPLE     ?= samples/friends.jsonl
# `make run` works on a SQLite store imported from the sample, so saved
# segments, tags and the approval flow work in the REPL too.
STORE      ?= .build/sample.sqlite
APT_PKGS   := libedit-dev libsqlite3-dev pkg-config
# The throwaway PostgreSQL server of the tests (see the script).
PG_SERVER  := scripts/pg-test-server

.PHONY: all deps build release run test pg-start pg-stop golden bench bench-1m bench-10m bench-plot bench-suites completions clean

all: build

# Install the system libraries the package links (Debian names). Runs
# apt-get only when something is missing; needs root, as on CI.
deps:
	@missing=""; \
	pkg-config --exists libedit 2>/dev/null || missing="$$missing libedit-dev"; \
	pkg-config --exists sqlite3 2>/dev/null || missing="$$missing libsqlite3-dev"; \
	pkg-config --exists libpq 2>/dev/null || missing="$$missing libpq-dev"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v pkg-config >/dev/null 2>&1 || missing="$$missing pkg-config"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The REPL's sample is generated again each day (`segq generate 2000
# --seed 1 --now` the current time), so relative queries such as
# `added within 7d` find friends today; the banner says which `now` it uses.
run: release
	@if [ "$$(cat $(STORE).day 2>/dev/null)" != "$$(date -u +%Y-%m-%d)" ]; then \
	  ./.build/release/segq generate 2000 --seed 1 --now "$$(date -u +%Y-%m-%dT%H:%M:%SZ)" -o .build/sample-today.jsonl && \
	  ./.build/release/segq import --store $(STORE) --replace .build/sample-today.jsonl && \
	  date -u +%Y-%m-%d > $(STORE).day; \
	fi
	./.build/release/segq --store $(STORE)

# Shell completion scripts (bash, zsh, fish) in .build/completions/; see
# docs/command-line.md for where each shell reads them.
completions: build
	@mkdir -p .build/completions
	@bin="$$($(SWIFT) build --show-bin-path)/segq"; \
	for shell in bash zsh fish; do \
	  "$$bin" --generate-completion-script $$shell > .build/completions/segq.$$shell || exit 1; \
	done; \
	echo "wrote .build/completions/segq.bash, segq.zsh and segq.fish"

# The PostgreSQL tests run against a throwaway server started here and
# stopped afterwards, also when tests fail; without it they fail (not skip).
test: deps
	$(SWIFT) build --build-tests
	@$(PG_SERVER) start || echo "warning: no PostgreSQL test server; the PostgreSQL tests will fail" >&2; \
	SEGQ_TEST_POSTGRES="$$($(PG_SERVER) url)" $(SWIFT) test --skip-build; status=$$?; \
	$(PG_SERVER) stop || true; exit $$status

# The test server alone, for running `swift test` by hand:
#   make pg-start && export SEGQ_TEST_POSTGRES="$(scripts/pg-test-server url)"
pg-start: deps
	$(PG_SERVER) start

pg-stop:
	$(PG_SERVER) stop

# Re-record golden files (never in CI).
golden: deps
	SEGQ_RECORD=1 $(SWIFT) test

# The quick figures on the sample store; the issue's 1M-friend figures
# with DuckDB beside segq: `make bench-1m` (needs `pip install duckdb`).
bench: release
	./.build/release/segq bench --store $(SAMPLE) --now 2026-11-23T00:00:00Z samples/queries.segq

bench-1m: release
	@test -f /tmp/segq-1m.jsonl || ./.build/release/segq generate 1000000 --seed 7 -o /tmp/segq-1m.jsonl
	@test -f /tmp/segq-1m.sqlite || (time ./.build/release/segq import --store /tmp/segq-1m.sqlite --replace /tmp/segq-1m.jsonl)
	python3 Benchmarks/duckdb_peer.py --friends /tmp/segq-1m.jsonl --sqlite /tmp/segq-1m.sqlite --segq ./.build/release/segq

# The 1M and 10M suites beside DuckDB (issue 12): 10M friends are generated
# once into /tmp/segq-10m.jsonl (seed 7; its first 1M lines are the 1M file).
bench-10m: bench-1m
	@test -f /tmp/segq-10m.jsonl || ./.build/release/segq generate 10000000 --seed 7 -o /tmp/segq-10m.jsonl
	python3 Benchmarks/duckdb_peer.py --friends /tmp/segq-10m.jsonl --segq ./.build/release/segq --runs 30

# Count latency from 100k to 10M friends, segq and DuckDB (needs matplotlib).
bench-plot: release
	@test -f /tmp/segq-10m.jsonl || ./.build/release/segq generate 10000000 --seed 7 -o /tmp/segq-10m.jsonl
	python3 Benchmarks/plot_scaling.py --friends /tmp/segq-10m.jsonl --segq ./.build/release/segq --out Benchmarks/scaling.png

# package-benchmark suites (compile speed, in-memory counts); own package.
bench-suites:
	cd Benchmarks && $(SWIFT) package --allow-writing-to-directory .benchmarkBaselines benchmark

clean:
	-$(PG_SERVER) stop
	rm -rf .build
