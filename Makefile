# jdblink: top-level build. `make` builds the jar and the C bridge; `make install`
# puts them where PostgreSQL looks; `make check` runs every test on throwaway clusters;
# `make installcheck` runs the SQL tests against an installed, running server (PG* env).
PG_CONFIG ?= pg_config
MVN ?= mvn -B -q
JAR := target/jdblink.jar

.PHONY: all jar bridge install installcheck check demo demo-stop bench clean

# The bridge first: it stops at once with `no JDK found` before a long Maven run would.
all: bridge jar

# A real file: Maven runs only when a main source or the POM is newer than the jar
# (directories too, so that a deleted or renamed source counts).
jar: $(JAR)

$(JAR): $(shell find src/main) pom.xml
	$(MVN) package -DskipTests

# The C bridge compiles without the jar (it includes no generated header); only its
# install copies the jar, so `install` builds both first.
bridge:
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

# No Maven and no JDK needed: what `mvn clean` would remove is target/.
clean:
	rm -rf target
	$(MAKE) -C bridge PG_CONFIG=$(PG_CONFIG) clean
