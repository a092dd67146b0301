package dev.platform.genai.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The sandbox grants everything: a SelfSubject*Review comes back with its status filled in as
 * allowed.
 */
final class AccessReviews {
  private AccessReviews() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  static MockResponse allowAll(RecordedRequest request) {
    try {
      ObjectNode review = (ObjectNode) JSON.readTree(request.getUtf8Body());
      ObjectNode status = review.putObject("status");
      if (request.getPath().contains("selfsubjectaccessreviews")) {
        status.put("allowed", true);
      } else {
        ObjectNode rule = status.putArray("resourceRules").addObject();
        rule.putArray("verbs").add("*");
        rule.putArray("apiGroups").add("*");
        rule.putArray("resources").add("*");
        status.put("incomplete", false);
      }
      return new MockResponse().setResponseCode(201).setBody(JSON.writeValueAsString(review));
    } catch (Exception e) {
      return new MockResponse().setResponseCode(400).setBody("{\"message\":\"bad review\"}");
    }
  }
}
