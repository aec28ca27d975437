# segq — `make run` builds and opens the REPL on the bundled sample store;
# `make test` builds and runs every test. Both install what they need.
SWIFT      ?= swift
STORE      ?= samples/friends.jsonl
APT_PKGS   := libedit-dev libsqlite3-dev pkg-config

.PHONY: all deps build release run test golden bench clean

all: build

# Install the system libraries the package links (Debian names). Runs
# apt-get only when something is missing; needs root, as on CI.
deps:
	@missing=""; \
	pkg-config --exists libedit 2>/dev/null || missing="$$missing libedit-dev"; \
	pkg-config --exists sqlite3 2>/dev/null || missing="$$missing libsqlite3-dev"; \
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

run: release
	./.build/release/segq --store $(STORE)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Re-record golden files (never in CI).
golden: deps
	SEGQ_RECORD=1 $(SWIFT) test

bench: release
	./.build/release/segq bench --store $(STORE) samples/queries.segq

clean:
	rm -rf .build
