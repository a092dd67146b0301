package dev.platform.genai.api.external;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * KServe's InferenceService ({@link ExternalResource}): the operator writes a small part of the
 * spec and reads status.url and the Ready condition; KServe's webhook defaults the rest.
 */
@Group("serving.kserve.io")
@Version("v1beta1")
@Kind("InferenceService")
@Plural("inferenceservices")
public class InferenceService extends ExternalResource implements Namespaced {}
