-- Argo CD health check for genai.platform.dev/GenAIProject.
-- Healthy: Ready=True for the latest generation. Degraded: phase Failed (a condition says what to fix).
-- Suspended: the operator stopped provisioning on purpose (approval pending, budget throttle or suspension, expiry).
-- Progressing: anything else, including a status that describes an older generation.
local hs = {}
if obj.status == nil or obj.status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report status"
  return hs
end
if obj.metadata ~= nil and obj.metadata.generation ~= nil and obj.status.observedGeneration ~= nil
    and obj.status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. obj.metadata.generation
  return hs
end
local ready = nil
for _, c in ipairs(obj.status.conditions) do
  if c.type == "Ready" then
    ready = c
  end
end
local message = ""
if ready ~= nil and ready.message ~= nil then
  message = ready.message
end
local phase = obj.status.phase
if phase == "PendingApproval" or phase == "Throttled" or phase == "Suspended" or phase == "Expired" then
  hs.status = "Suspended"
  hs.message = phase .. ": " .. message
  return hs
end
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = message
  return hs
end
if phase == "Failed" then
  hs.status = "Degraded"
  hs.message = message
  return hs
end
hs.status = "Progressing"
hs.message = message
return hs
