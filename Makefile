# The two commands a new user runs (see README):  make demo   and   make test
# Each creates the virtual environment .venv on first use (PyPI is the only network needed).
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

# the hot-path modules that mypyc compiles (listed in framing/_compiled.py)
HOT := $(patsubst %,framing/%.py,$(shell sed -n '/^COMPILED = (/,/^)/p' framing/_compiled.py | grep -o '"[a-z_]*"' | tr -d '"'))

.PHONY: demo test bench lab build clean

$(VENV)/.installed: pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip "setuptools>=68"
	FRAMING_PURE_PYTHON=1 $(PY) -m pip install --quiet -e ".[dev,notebooks]"
	touch $@

# compile the hot path in place with mypyc (falls back to pure Python; see setup.py); it is
# rebuilt whenever one of its sources changes
$(VENV)/.compiled: $(VENV)/.installed setup.py framing/_compiled.py $(HOT)
	mkdir -p build
	$(PY) setup.py build_ext --inplace --force > build/compile.log 2>&1 || { tail -20 build/compile.log; exit 1; }
	@grep "^framing:" build/compile.log || true
	@$(PY) -c "import framing._compiled as c; print('framing:', c.describe())"
	touch $@

build: $(VENV)/.compiled

demo: $(VENV)/.compiled
	$(VENV)/bin/framing report syria-2016 --by outlet -o report/syria-2016.html
	@echo "open report/syria-2016.html in a browser"

test: $(VENV)/.compiled
	$(PY) -m pytest

bench: $(VENV)/.compiled
	$(PY) benchmarks/run.py

lab: $(VENV)/.installed
	$(VENV)/bin/jupyter lab notebooks/

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache framing/*.so
