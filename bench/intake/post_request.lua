-- wrk script: POST /api/v1/requests with a realistic Turkish complaint, varied per request so the
-- full-text index sees different rows. No idempotency key: every request is a new durable case.
local counter = 0
local texts = {
  "Mahallemizde üç gündür su kesintisi var, ne zaman düzelecek bilgi verir misiniz?",
  "Otobüs durağındaki tabela kırık ve yağmurda bekleyenler ıslanıyor.",
  "Parktaki çocuk oyun grubunun salıncağı kopmuş, tehlike arz ediyor.",
  "Sokağımızdaki çöp konteynerleri iki gündür boşaltılmadı, koku var.",
  "Caddede başıboş köpekler çocuklara saldırıyor, önlem alınmasını rica ederim.",
}
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  counter = counter + 1
  local text = texts[(counter % #texts) + 1] .. " (" .. counter .. ")"
  local body = '{"text":"' .. text .. '","channel":"web"}'
  return wrk.format(nil, "/api/v1/requests", nil, body)
end
-- Print the status code distribution at the end so a run with errors is not mistaken for speed.
done = function(summary, latency, requests)
  io.write(string.format("non2xx_or_socket_errors=%d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
