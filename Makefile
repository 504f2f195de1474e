# jdblink: top-level build. `make` builds the jar and the C bridge; `make install`
# puts them where PostgreSQL looks; `make check` runs every test on throwaway clusters;
# `make installcheck` runs the SQL tests against an installed, running server (PG* env).
PG_CONFIG ?= pg_config
MVN ?= mvn -B -q
JAR := target/jdblink.jar

.PHONY: all jar bridge install installcheck check classlist demo demo-stop bench clean

all: jar bridge

# A real file: Maven runs only when a main source or the POM is newer than the jar
# (directories too, so that a deleted or renamed source counts).
jar: $(JAR)

$(JAR): $(shell find src/main) pom.xml
	$(MVN) package -DskipTests

# The C bridge is compiled against the JNI headers that javac writes (-h, see pom.xml)
# while the jar is built, so the jar comes first; the bridge's install copies it too.
bridge: $(JAR)
	$(MAKE) -C bridge PG_CONFIG=$(PG_CONFIG)

install: all
	$(MAKE) -C bridge PG_CONFIG=$(PG_CONFIG) install

installcheck:
	test/run-differential.sh

check: install
	test/check.sh

# After changing what a session's first calls run: the class list of the class archive
# (bridge/archive/, docs/jvm.md), from a training session; commit the file it writes.
classlist: install
	bridge/archive/train.sh

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
