package dev.platform.genai.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.genai.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every invalid fixture gets exactly the violations it names; transitions are checked as (old, new)
 * pairs.
 */
class AdmissionFixturesTest {
  static List<Fixtures.Invalid> invalid() {
    return Fixtures.invalid();
  }

  static List<Fixtures.Transition> transitions() {
    return Fixtures.transitions();
  }

  @Test
  void thereAreEnoughFixtures() {
    assertThat(invalid()).hasSizeGreaterThanOrEqualTo(30);
    assertThat(invalid()).allSatisfy(f -> assertThat(f.expect()).as(f.name()).isNotEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidFixtureGetsItsMessage(Fixtures.Invalid f) {
    List<String> got =
        AdmissionRules.project().validate(f.document()).stream().map(Violation::toString).toList();
    assertThat(got).as(f.name()).containsExactlyInAnyOrderElementsOf(f.expect());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void transitionIsJudgedAgainstTheOldObject(Fixtures.Transition t) {
    List<String> got =
        AdmissionRules.project().validate(t.updated(), t.old()).stream()
            .map(Violation::toString)
            .toList();
    assertThat(got).as(t.name()).containsExactlyInAnyOrderElementsOf(t.expect());
    // the same object created fresh passes: the rule is about the change, not the value
    assertThat(AdmissionRules.project().validate(t.updated()))
        .as(t.name() + " as a create")
        .isEmpty();
  }
}
