# Netra - top-level entry points. On a fresh Debian bookworm machine (root, apt and npm
# reachable) these two commands are all that is needed:
#   make run    install what is missing, build, seed a demo database and start netrad
#               on a loopback port (prints the URL); `make tour` runs the CLI walk-through
#   make test   install what is missing, build with ASan+UBSan, run every test under ctest
#               (the store's tests on SQLite and on a throw-away PostgreSQL, which must start)

JOBS  ?= 2
BUILD ?= build
TESTBUILD ?= build-test

.PHONY: all deps build run tour test test-only format clean bench

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNETRA_TESTS=OFF

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

run: build
	@scripts/run-server.sh $(BUILD)

tour: build
	@$(BUILD)/netra tour

$(TESTBUILD)/CMakeCache.txt:
	cmake -S . -B $(TESTBUILD) -DCMAKE_BUILD_TYPE=Debug -DNETRA_SANITIZE=ON -DNETRA_WERROR=ON

test: deps $(TESTBUILD)/CMakeCache.txt
	cmake --build $(TESTBUILD) -j $(JOBS)
	cd $(TESTBUILD) && NETRA_TEST_PG_REQUIRED=1 ctest -j $(JOBS) --output-on-failure

bench: build
	@bench/run.sh $(BUILD)

format:
	@git ls-files '*.c' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(TESTBUILD)
