package dev.platform.genai.config;

/** A malformed setting: names the variable, the value and what was expected. */
public class SettingsException extends RuntimeException {
  public SettingsException(String variable, String value, String expected) {
    super(variable + "=\"" + value + "\" is not valid: expected " + expected);
  }
}
