# Guichet: build with the Maven Wrapper on a JDK 21, run on a JRE 21 as a non-root user.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY knowledge/pom.xml knowledge/pom.xml
COPY bot/pom.xml bot/pom.xml
# dependencies first, so that a source change does not download them again
RUN ./mvnw -B -q dependency:go-offline || true
COPY knowledge knowledge
COPY bot bot
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:21-jre
RUN useradd --system --create-home --home-dir /app guichet
WORKDIR /app
COPY --from=build /src/bot/target/guichet.jar /app/bot/target/guichet.jar
COPY --from=build /src/knowledge/catalogue /app/knowledge/catalogue
# the data folder holds phone numbers and e-mails: its owner only
RUN mkdir -p /app/data && chown -R guichet:guichet /app && chmod 700 /app/data
USER guichet
# a UTF-8 locale, so that arguments and file names with accents arrive intact (Guichet also re-reads
# its arguments as UTF-8 when the locale is overridden, e.g. docker run -e LC_ALL=C)
ENV GUICHET_HOME=/app GUICHET_DATA=/app/data LANG=C.UTF-8 LC_ALL=C.UTF-8
# the CCI's own catalogue can be mounted over the bundled one; cases live in /app/data
VOLUME ["/app/knowledge/catalogue", "/app/data"]
# no command: the Discord bot when DISCORD_TOKEN is set, else the console chat (run with -it)
ENTRYPOINT ["java", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=10", "-jar", "/app/bot/target/guichet.jar"]
