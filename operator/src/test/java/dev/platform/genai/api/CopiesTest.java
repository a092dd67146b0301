package dev.platform.genai.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CopiesTest {
  private static final Set<String> NOT_CARRIED = Set.of("phase", "conditions", "residency");

  @Test
  void everyFieldOfAStatusIsCarriedButThoseNamedAddedFieldsIncluded() throws Exception {
    GenAIProjectStatus previous = new GenAIProjectStatus();
    for (Field f : fields()) {
      f.set(previous, sample(f));
    }
    GenAIProjectStatus carried = Copies.carried(previous, GenAIProjectStatus::new, NOT_CARRIED);
    for (Field f : fields()) {
      if (NOT_CARRIED.contains(f.getName())) {
        assertThat(f.get(carried)).as(f.getName()).isNotSameAs(f.get(previous));
      } else {
        assertThat(f.get(carried)).as(f.getName() + " is carried").isSameAs(f.get(previous));
      }
    }
    assertThat(carried.conditions).as("a fresh list, not the previous one").isEmpty();
  }

  @Test
  void aNameThatIsNoFieldIsRefusedSoARenameCannotStartCarryingIt() {
    assertThatThrownBy(() -> Copies.carried(null, GenAIProjectStatus::new, Set.of("residencies")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GenAIProjectStatus has no field residencies");
    assertThat(Copies.carried(null, GenAIProjectStatus::new, NOT_CARRIED).phase).isNull();
  }

  @Test
  void aDeepCopySharesNothing() {
    PromotionStatus p = new PromotionStatus();
    p.state = "Held";
    PromotionStatus copy = Copies.deep(p);
    copy.state = "Promoted";
    assertThat(p.state).isEqualTo("Held");
  }

  private static Field[] fields() {
    return java.util.Arrays.stream(GenAIProjectStatus.class.getFields())
        .filter(f -> !Modifier.isStatic(f.getModifiers()))
        .toArray(Field[]::new);
  }

  private static Object sample(Field f) throws Exception {
    Class<?> t = f.getType();
    if (t == String.class) {
      return new String("value of " + f.getName());
    } else if (t == Long.class) {
      return Long.valueOf(1_000_000L + f.getName().length());
    } else if (t == java.util.List.class) {
      return new ArrayList<>(java.util.List.of());
    }
    return t.getDeclaredConstructor().newInstance();
  }

  @Test
  void aProjectionFillsEveryFieldFromTheSourceNamingItAndSharesNothing() {
    BudgetStatus b = new BudgetStatus();
    b.month = "2026-11";
    b.notifiedThresholds = new java.util.ArrayList<>(java.util.List.of(50, 80));
    b.forecastNotified = true;
    b.expiryNoticeFor = "2026-12-01";
    b.history.add(new MonthSpend("2026-10", "100", "500"));
    GenAIProjectStatus s = new GenAIProjectStatus();
    s.budget = b;
    s.pilotExpiresAt = "2026-12-31T00:00:00Z";
    s.promotion = new PromotionStatus();
    s.promotion.state = "Held";
    ProjectRecordSpec r = Copies.projected(ProjectRecordSpec::new, Set.of(), b, s);
    assertThat(r.month).isEqualTo("2026-11");
    assertThat(r.notifiedThresholds).containsExactly(50, 80);
    assertThat(r.forecastNotified).isTrue();
    assertThat(r.expiryNoticeFor).isEqualTo("2026-12-01");
    assertThat(r.history).singleElement().satisfies(m -> assertThat(m.spent).isEqualTo("100"));
    assertThat(r.pilotExpiresAt).isEqualTo("2026-12-31T00:00:00Z");
    assertThat(r.promotion.state).isEqualTo("Held");
    b.notifiedThresholds.add(100);
    s.promotion.state = "Approved";
    assertThat(r.notifiedThresholds).as("a copy, not the status's list").containsExactly(50, 80);
    assertThat(r.promotion.state).isEqualTo("Held");
  }

  @Test
  void aFieldNoSourceHasIsRefusedSoANewRecordFieldCannotBeDroppedSilently() {
    assertThatThrownBy(() -> Copies.projected(MonthSpend::new, Set.of(), new BudgetStatus()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MonthSpend.spent is in no source");
  }
}
