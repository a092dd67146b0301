package dev.platform.genai.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Deep copies of status values through their JSON form: a field added to a status type is copied
 * without anyone remembering to add it to a hand-written copy (a hand-written copy that misses a
 * field loses it silently on the next status write). For the small values a plan edits (a KPI, the
 * promotion record), never for whole objects on a hot path.
 */
public final class Copies {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The public instance fields of a type, looked up once (a status is built at every reconcile).
   */
  private static final ClassValue<Field[]> FIELDS =
      new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
          return Arrays.stream(type.getFields())
              .filter(
                  f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers()))
              .toArray(Field[]::new);
        }
      };

  private Copies() {}

  /** A copy sharing nothing with {@code value}; null for null. */
  @SuppressWarnings("unchecked")
  public static <T> T deep(T value) {
    return value == null ? null : (T) JSON.convertValue(JSON.valueToTree(value), value.getClass());
  }

  /**
   * A new value with every public field of {@code from} but those named, shared rather than copied
   * (what a status carries over from the previous one): a field added to the type later is carried
   * without anyone remembering to. Every name in {@code except} must be a field of the type, so a
   * rename cannot silently start carrying it.
   */
  public static <T> T carried(T from, Supplier<T> empty, Set<String> except) {
    T to = empty.get();
    Field[] fields = FIELDS.get(to.getClass());
    for (String name : except) {
      if (Arrays.stream(fields).noneMatch(f -> f.getName().equals(name))) {
        throw new IllegalArgumentException(to.getClass().getSimpleName() + " has no field " + name);
      }
    }
    if (from == null) {
      return to;
    }
    try {
      for (Field f : fields) {
        if (!except.contains(f.getName())) {
          f.set(to, f.get(from));
        }
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    return to;
  }

  /**
   * A new value whose every public field is taken, deep-copied, from the first of {@code sources}
   * that has a field of that name (what a record keeps of a status, what the history keeps of a
   * month): a field added to the type later is filled without anyone remembering to, or fails here.
   * Those in {@code setElsewhere} are left for the caller; any other field that no source has, or
   * has with another type, is an error.
   */
  public static <T> T projected(Supplier<T> empty, Set<String> setElsewhere, Object... sources) {
    T to = empty.get();
    try {
      for (Field f : FIELDS.get(to.getClass())) {
        if (setElsewhere.contains(f.getName())) {
          continue;
        }
        Field from = null;
        Object source = null;
        for (Object candidate : sources) {
          from =
              Arrays.stream(FIELDS.get(candidate.getClass()))
                  .filter(x -> x.getName().equals(f.getName()))
                  .findFirst()
                  .orElse(null);
          if (from != null) {
            source = candidate;
            break;
          }
        }
        if (from == null || !from.getGenericType().equals(f.getGenericType())) {
          throw new IllegalArgumentException(
              to.getClass().getSimpleName()
                  + "."
                  + f.getName()
                  + (from == null
                      ? " is in no source"
                      : " is " + from.getGenericType() + " in " + source.getClass().getSimpleName())
                  + ": name it as set elsewhere, or give a source the field");
        }
        Object value = from.get(source);
        f.set(
            to,
            value == null
                ? null
                : JSON.convertValue(
                    JSON.valueToTree(value),
                    JSON.getTypeFactory().constructType(f.getGenericType())));
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    return to;
  }
}
