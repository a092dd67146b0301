package dev.platform.genai.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/** The record: the Google resource, and the members the operator knows of in its policy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"resource", "members"})
public class GoogleIamPolicySpec {
  @Required
  @JsonPropertyDescription(
      "The Google resource whose allow policy this is: projects/ID or"
          + " projects/-/serviceAccounts/EMAIL.")
  public String resource;

  @JsonPropertyDescription(
      "Members the operator added (or is about to add or remove), and members projects asked"
          + " for that were there before the operator (never removed by it).")
  public List<IamRecordEntry> members = new ArrayList<>();
}
