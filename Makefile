# Shortcuts for developers. `./dev` does the real work (it makes .venv on first use).
#   make run      check the example map, then open it in the editor
#   make test     the whole test suite (PYTEST_ARGS="-k bundle" to pick tests)
#   make bench    the benchmarks
#   make bundle   a standalone one-folder app in dist/journeymapper/ (PyInstaller)
#   make bundle-tar  and dist/journeymapper-VERSION-linux-ARCH.tar.gz of it, to hand out
#   make clean    remove build/, dist/ and caches (keeps .venv)

VENV ?= .venv
# ./dev uses the same venv
export JOURNEYMAPPER_VENV := $(VENV)
PYTHON := $(VENV)/bin/python
PYINSTALLER := $(VENV)/bin/pyinstaller
SPEC := packaging/bundle/journeymapper.spec

.PHONY: help run test bench bundle bundle-tar clean

help:
	@sed -n '2,7p' Makefile | sed 's/^# \{0,1\}//'

run:
	./dev run

test:
	./dev test $(PYTEST_ARGS)

bench:
	./dev bench

bundle:
	./dev bundle-prerequisites  # PyInstaller, Python's shared library, the X11 libraries to carry
	$(PYINSTALLER) --noconfirm --clean --log-level WARN \
		--workpath build/bundle --distpath dist $(SPEC)
	@echo "built dist/journeymapper ($$(du -sh dist/journeymapper | cut -f1)): try dist/journeymapper/journeymapper --version"

bundle-tar: bundle
	version=$$($(PYTHON) -c 'import journeymapper; print(journeymapper.__version__)'); \
	archive=dist/journeymapper-$$version-linux-$$(uname -m).tar.gz; \
	tar -C dist -czf $$archive journeymapper && echo "wrote $$archive ($$(du -h $$archive | cut -f1))"

clean:
	rm -rf build dist .pytest_cache .hypothesis
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
