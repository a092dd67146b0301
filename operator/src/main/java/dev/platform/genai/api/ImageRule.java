package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The images one classification's pods may run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageRule {
  @JsonPropertyDescription(
      "Prefixes an image reference must start with, as written in the pod (no normalisation:"
          + " nginx is not docker.io/library/nginx), e.g. europe-docker.pkg.dev/acme-genai/. End a registry or"
          + " repository with / so that a look-alike host does not match. Every container, init container and"
          + " ephemeral container of a pod or pod template must match one.")
  @Size(min = 1, max = 32)
  @ValidationRule(
      value = "self.all(r, r.matches('^[a-z0-9][-a-z0-9.:]*(/[-a-z0-9._]+)*/$'))",
      message =
          "each registry is a host (with port) and optional path ending in /, such as"
              + " europe-docker.pkg.dev/acme-genai/")
  public List<@Size(max = 255) String> registries;

  @JsonPropertyDescription(
      "Images must be pinned by digest (image@sha256:...), so that what runs is what was"
          + " reviewed, not what a tag points at today. Default false.")
  public Boolean requireDigest;
}
