# Two entry points: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test readme templates bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# Bytecode up front: some machines set PYTHONDONTWRITEBYTECODE, so every run would recompile.
	$(BIN)/python -m compileall -q dwcp
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/dwcp fmt --check programmes/
	$(BIN)/dwcp lint programmes/ --statistics
	mkdir -p out/reports
	$(BIN)/dwcp report portfolio
	for kind in alignment gaps portfolio; do \
	  $(BIN)/dwcp report $$kind --format markdown --output out/reports/$$kind.md && \
	  $(BIN)/dwcp report $$kind --format html --output out/reports/$$kind.html && \
	  $(BIN)/dwcp report $$kind --format json --output out/reports/$$kind.json && \
	  $(BIN)/dwcp report $$kind --format csv --output out/reports/$$kind-csv || exit 1; \
	done
	$(BIN)/dwcp render --format html --format md --format pdf --out out/documents
	$(BIN)/dwcp site --out out/site
	$(BIN)/dwcp export xlsx --out out/programmes.xlsx
	$(BIN)/dwcp export csv --out out/tables
	@echo "Reports in out/reports/, documents in out/documents/, website at out/site/index.html,"
	@echo "workbook at out/programmes.xlsx"

test: $(STAMP)
	$(BIN)/ruff check dwcp tests benchmarks
	$(BIN)/ruff format --check dwcp tests benchmarks
	$(BIN)/mypy
	$(BIN)/dwcp schema --check
	$(BIN)/python -m pytest -q -p no:cacheprovider

readme: $(STAMP)
	$(BIN)/python -m dwcp.lint.ruledocs README.md

# After editing a built-in template: its code, compiled ahead of time, ships in the package.
templates: $(STAMP)
	$(BIN)/python -m dwcp.views.template_compiler
	$(BIN)/python -m compileall -q dwcp/views/compiled

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_lint.py
	$(BIN)/python benchmarks/bench_render.py
	$(BIN)/python benchmarks/bench_workflow.py
	$(BIN)/python benchmarks/bench_site.py
	$(BIN)/python benchmarks/bench_results.py

clean:
	rm -rf $(VENV) benchmarks/out out
