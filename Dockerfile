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
# Paris time whatever the host's: the log's times (TZ) and every date Guichet reads or shows (GUICHET_TIMEZONE)
ENV TZ=Europe/Paris GUICHET_TIMEZONE=Europe/Paris
# /health and /metrics inside the container (loopback only; GUICHET_HTTP_BIND=0.0.0.0 and -p to scrape from outside)
ENV GUICHET_HTTP_PORT=8080
# the CCI's own catalogue can be mounted over the bundled one; cases live in /app/data
VOLUME ["/app/knowledge/catalogue", "/app/data"]
# 200 when the catalogue is loaded, the database writable and (the bot) the Discord gateway connected; bash's
# /dev/tcp needs nothing the JRE image lacks (it has no curl)
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${GUICHET_HTTP_PORT:-8080} && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# no command: the Discord bot when DISCORD_TOKEN is set, else the console chat (run with -it);
# exec form, so that Java is PID 1 and receives docker stop's SIGTERM (a graceful stop, exit 0)
ENTRYPOINT ["java", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=10", "-jar", "/app/bot/target/guichet.jar"]
