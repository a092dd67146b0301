/**
 * What both controllers use: the Event recorder and the optional APIs installed. Imports neither
 * controller.
 */
package dev.platform.genai.operator.shared;
