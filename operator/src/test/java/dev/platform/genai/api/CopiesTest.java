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
}
