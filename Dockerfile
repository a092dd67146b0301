# The operator image: the jar and its lib/ folder (a manifest class path, so signed dependencies stay intact)
# on a distroless Java 17 runtime, as the non-root user 65532. Build the jar first:
#   mvn -B package -DskipTests && docker build -t ghcr.io/genai-platform/genai-operator:0.1.0 .
FROM gcr.io/distroless/java17-debian12:nonroot
WORKDIR /app
COPY operator/target/lib/ /app/lib/
COPY operator/target/genai-operator.jar /app/genai-operator.jar
USER 65532:65532
EXPOSE 8080 8081
ENTRYPOINT ["java", "-jar", "/app/genai-operator.jar"]
CMD ["run"]
