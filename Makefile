# Two commands do everything, on a fresh machine too:
#   make run     set up .venv when needed, then open StudyApp (make run ARGS="--data-dir /tmp/d")
#   make test    set up .venv when needed, then run the test suite (make test ARGS="tests/ui -x")
# The set-up is idempotent: it runs again only when pyproject.toml, setup.py or constraints.txt changed.
# torch goes in first, pinned by constraints.txt: asked for by the project alone, pip would pick a
# multi-GB CUDA build.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
STAMP := $(VENV)/.installed

.PHONY: setup run test
setup: $(STAMP)

$(STAMP): pyproject.toml setup.py constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q -c constraints.txt torch
	$(PIP) install -q -c constraints.txt -e '.[test,bench]'
	touch $(STAMP)

run: setup
	$(BIN)/studyapp $(ARGS)

test: setup
	$(BIN)/python -m pytest -q $(ARGS)
