-- Argo CD health check for genai.platform.dev/GenAIProject. The same table as kstatus' conditions (the operator's
-- Health class and docs/gitops.md):
--   Healthy     Ready=True for the latest generation.
--   Degraded    Stalled=True (a person must fix something: phase Failed); the message says what.
--   Suspended   the operator holds on purpose: a sign-off or evidence pending (PendingApproval, PromotionPending),
--               or the budget or expiry rule enforced (Throttled, Suspended, Expired). Nothing is broken.
--   Progressing anything else: provisioning, deleting, or a status that describes an older generation.
local hs = {}
if obj.metadata ~= nil and obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  hs.message = "Deleting: the operator removes what it created (Google Cloud IAM members included)"
  return hs
end
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
local stalled = nil
for _, c in ipairs(obj.status.conditions) do
  if c.type == "Ready" then
    ready = c
  elseif c.type == "Stalled" then
    stalled = c
  end
end
local message = ""
if ready ~= nil and ready.message ~= nil then
  message = ready.message
end
local phase = obj.status.phase
if phase == "PendingApproval" or phase == "PromotionPending" or phase == "Throttled" or phase == "Suspended"
    or phase == "Expired" then
  hs.status = "Suspended"
  hs.message = phase .. ": " .. message
  return hs
end
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = message
  return hs
end
if (stalled ~= nil and stalled.status == "True") or phase == "Failed" then
  hs.status = "Degraded"
  hs.message = message
  return hs
end
hs.status = "Progressing"
hs.message = message
return hs
