# jdblink: top-level build. `make` builds the jar and the C bridge; `make install`
# puts them where PostgreSQL looks; `make check` runs every test on throwaway clusters;
# `make installcheck` runs the SQL tests against an installed, running server (PG* env).
PG_CONFIG ?= pg_config
MVN ?= mvn -B -q
JAR := target/jdblink.jar

.PHONY: all jar bridge install installcheck check demo demo-stop bench clean

all: jar bridge

jar:
	$(MVN) package -DskipTests

bridge: jar
	$(MAKE) -C bridge PG_CONFIG=$(PG_CONFIG)

install: all
	$(MAKE) -C bridge PG_CONFIG=$(PG_CONFIG) install

installcheck:
	test/run-differential.sh

check: install
	test/check.sh

demo:
	demo/demo.sh

demo-stop:
	demo/demo.sh stop

bench: install
	bench/run.sh

clean:
	$(MVN) clean
	$(MAKE) -C bridge PG_CONFIG=$(PG_CONFIG) clean
