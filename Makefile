# The two commands a new user runs (see README):  make demo   and   make test
# Each creates the virtual environment .venv on first use (PyPI is the only network needed).
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: demo test bench lab clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,notebooks]"
	touch $@

demo: $(VENV)/.installed
	$(VENV)/bin/framing report syria-2016 --by outlet -o report/syria-2016.html
	@echo "open report/syria-2016.html in a browser"

test: $(VENV)/.installed
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) benchmarks/run.py

lab: $(VENV)/.installed
	$(VENV)/bin/jupyter lab notebooks/

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
