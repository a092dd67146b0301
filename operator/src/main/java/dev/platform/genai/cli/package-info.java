/**
 * The command line: {@code run} (the operator), {@code validate} (a pull request's check), {@code
 * render} (what a resource becomes) and {@code local} (a sandbox). Thin: every rule and every
 * desired object comes from the admission, policy, model and desired packages, never a copy of
 * them.
 */
package dev.platform.genai.cli;
