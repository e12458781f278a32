# escale — Italian messages.
# Every id here exists in every locale (a test checks it). Arguments are written { $like-this }.

## Names of this language and the command menu

lang-name = 🇮🇹 Italiano
cmd-start = Avvio: benvenuto e luoghi
cmd-spots = Luoghi vicino a te
cmd-progress = Il mio passaporto: luoghi e attività svolte
cmd-lang = Cambia lingua
cmd-help = Cosa fa questo bot
cmd-privacy = Cosa conserviamo e perché
cmd-mydata = Vedi tutto ciò che conservate su di me
cmd-myphotos = Le mie foto e cosa ho permesso
cmd-stats = Ufficio turistico: i numeri della settimana
cmd-export = Ufficio turistico: tutti i conteggi in file CSV
cmd-partner = Partner: cosa ti porta il bot
cmd-redeem = Verifica e usa un codice premio
bot-description = La guida digitale di { $destination }: in ogni luogo, alcune brevi attività (una foto, una cartolina, il nostro hashtag…) e un premio alla fine. Scansiona il codice QR di un luogo o condividi la tua posizione.
bot-short-description = { $destination } in tasca: luoghi, brevi attività digitali, un premio.
cmd-forget = Cancella tutto ciò che mi riguarda

## Welcome and spots

welcome = Ti diamo il benvenuto a { $destination }! 👋
    In ognuno dei nostri luoghi ti aspettano alcune brevi attività digitali: condividere una foto, inviare una cartolina, trovare il nostro hashtag…
    Condividi la tua posizione e ti aprirò il luogo in cui ti trovi.
share-location = 📍 Condividi la posizione
spots-pick = Oppure scegli un luogo:
spots-nearest = Non sei ancora in uno dei nostri luoghi. Ecco i più vicini:
spot-unknown = Non conosco questo luogo (forse è stato spostato). Ecco i luoghi della destinazione:
spot-pick-task = Cosa ti va di fare qui?
partner-welcome = Ti diamo il benvenuto, e grazie a { $partner } che ti ha parlato di noi! Goditi { $destination }.
link-unknown = Non riconosco questo link, ma siamo felici di averti qui.
button-spots = 🗺 Luoghi
button-progress = 🎒 Il mio passaporto
button-stale = Questo pulsante appartiene a un messaggio precedente e non funziona più. Ecco i luoghi aggiornati:
button-stale-short = Questo pulsante è scaduto.
button-invalid = Questo pulsante non è più valido.

## Tasks: shared words

task-done = ✅ Fatto, grazie! { $left ->
        [one] Qui ti aspetta ancora un’attività.
       *[other] Qui ti aspettano ancora { $left } attività.
    }
task-done-short = ✅ Fatto!
spot-complete = 🎉 { $spot }: hai fatto tutto, complimenti! Altri luoghi ti aspettano.

photo-title = Condividi una foto
photo-done = ✅ Foto inviata
photo-intro = Mostraci { $spot } con i tuoi occhi: invia una foto del luogo.
photo-waiting = Aspetto una foto: tocca 📎 e scegline una, oppure scattala adesso.
photo-unexpected = Bella foto! Per condividerla, apri prima un luogo e scegli «Condividi una foto».
photo-heic = Questo è un file HEIC, che non riusciamo ad aprire. Invialo invece come foto (📎 → Galleria), non come file.
photo-video = Ci dispiace, qui non si possono condividere video: invia una foto.
photo-wrong-file = Posso ricevere solo foto, o file JPEG e PNG. Invia una foto, per favore.
photo-too-big = Questo file supera i 20 MB: è troppo grande per me. Invialo invece come foto.
photo-pending-limit = Hai già { $limit } foto in attesa che l’ufficio turistico le guardi. Grazie! Aspetta che vengano esaminate prima di inviarne altre.
photo-consent = 📷 Grazie! L’ufficio turistico di { $destination } può usare la tua foto? Spunta ciò che permetti, poi tocca «Continua». Dire di no va benissimo: l’attività conta lo stesso.
photo-scope-social = Social network
photo-scope-web = Sito web e stampa
photo-scope-partners = I nostri partner
photo-scope-none = nessun uso (privata)
photo-consent-all = ✅ Permetti tutto
photo-consent-none = 🔒 Non permettere nulla
photo-consent-continue = Continua ➡️
photo-credit = Quale nome indichiamo nei crediti quando la useremo?
photo-credit-as = Come «{ $name }»
photo-credit-type = ✏️ Un altro nome…
photo-credit-anonymous = Anonimo
photo-credit-type-now = Scrivi il nome da indicare nei crediti (massimo { $max } caratteri).
photo-thanks = Grazie! 📷 L’ufficio turistico guarderà la tua foto. Puoi cambiare idea in qualsiasi momento con /myphotos.
photo-kept-private = Ricevuto: la tua foto resta privata, non la condividiamo con nessuno. Grazie! 📷 Puoi cambiare idea in qualsiasi momento con /myphotos.
photo-withdrawn = Il tuo consenso è stato revocato: l’ufficio turistico è stato avvisato e non userà più questa foto.
photo-consent-updated = La tua scelta è stata salvata. Grazie!
photo-stale = Questa domanda non è più aperta. Guarda le tue foto con /myphotos.
photo-selected = 🎉 Ottime notizie: l’ufficio turistico di { $destination } ha scelto la tua foto di { $spot }. Grazie per averla condivisa!
photo-status-draft = in condivisione
photo-status-private = privata
photo-status-pending = in attesa dell’ufficio turistico
photo-status-approved = scelta dall’ufficio turistico
photo-status-rejected = non scelta
photo-status-withdrawn = consenso revocato
myphotos-empty = Non hai ancora condiviso nessuna foto. Apri un luogo con /spots e scegli «Condividi una foto».
myphotos-title = { $count ->
        [one] La tua foto, e cosa hai permesso:
       *[other] Le tue { $count } foto, e cosa hai permesso:
    }
myphotos-caption = 📍 { $spot } · { $date }
    Usi permessi: { $scopes }
    Crediti: { $credit }
    Stato: { $status }
myphotos-change = ✏️ Modifica
myphotos-withdraw = 🚫 Revoca il consenso

review-title = Lascia una recensione
review-done = ✅ Recensione lasciata
review-intro = La tua opinione su { $spot }, qualunque sia, aiuta altri viaggiatori. Basta un minuto.
review-open = ⭐ Scrivi una recensione
review-unavailable = Non c’è ancora una pagina di recensioni per { $spot }. Grazie per averci pensato!

postcard-title = Invia una cartolina
postcard-done = ✅ Cartolina inviata
postcard-pick-picture = 💌 Prepariamo una cartolina per una persona cara! Quale immagine vuoi metterci?
postcard-own-photo = 📷 Foto del { $date }
postcard-new-photo = 📸 Una nuova foto
postcard-send-photo = Invia la foto per la tua cartolina: tocca 📎 e scegline una, oppure scattala adesso.
postcard-photo-please = Aspetto la foto della tua cartolina.
postcard-write = Ora scrivi qualche parola per la tua cartolina (massimo { $max } caratteri).
postcard-pick-first = Prima scegli l’immagine della tua cartolina: in un luogo, apri l’attività «Invia una cartolina».
postcard-text-please = Scrivi il testo della tua cartolina in un messaggio.
postcard-too-long = Sono { $length } caratteri: una cartolina ne contiene al massimo { $max }. Puoi accorciarlo un po’?
postcard-nothing-drawable = Non riesco a scrivere questi caratteri su una cartolina. Puoi usare lettere e numeri?
postcard-some-dropped = Nota: le emoji e alcuni caratteri non si possono stampare sulla cartolina, quindi li ho tolti.
postcard-hourly-limit = Hai creato { $max } cartoline nell’ultima ora: per ora è il massimo. Riprova un po’ più tardi!
postcard-drawing = ✍️ Sto scrivendo la tua cartolina…
postcard-caption = 💌 La tua cartolina da { $destination }! Inviala a una persona cara: il suo codice apre la nostra guida.
postcard-share = 📤 Inviala a chi vuoi
postcard-unreadable = Non riesco a leggere questa immagine. Puoi sceglierne un’altra?
postcard-too-big = Questa immagine è troppo grande per una cartolina. Puoi sceglierne un’altra o inviarla come foto?
postcard-not-sent = Non riesco a inviare la tua cartolina in questo momento. Riprova tra un attimo.
postcard-a-friend = Una persona cara
postcard-friend-welcome = 👋 { $name } ti ha inviato questa cartolina da { $spot }, { $destination }! Ti diamo il benvenuto: ecco la nostra guida alla destinazione.
postcard-inline-caption = 💌 Una cartolina da { $destination }
postcard-inline-open = 🗺 Scopri { $destination }

hashtag-title = Usa il nostro hashtag
hashtag-done = ✅ Ho pubblicato
hashtag-intro = Pubblichi una foto di { $spot }? Aggiungi questi hashtag, così tutta la destinazione potrà vederla:
hashtag-copy = 📋 Copia gli hashtag

app-title = Scarica l’app turistica
app-done = ✅ Installata
app-intro = 📱 { $app }: tutto per il tuo soggiorno, sempre in tasca.
app-tips = Come sfruttarla al meglio:
app-ios = App Store
app-android = Google Play
app-web = Sito web

## The office's side (in the destination's default language)

office-approve = ✅ Approva
office-reject = ❌ Rifiuta
office-photo-caption = 📷 Foto { $id } · { $spot }
    Usi permessi: { $scopes }
    Crediti: { $credit }
    Condivisa il { $date } · partner: { $partner }
    Stato: { $status }
office-photo-withdrawn = 🚫 Foto { $id }: chi l’ha condivisa ha revocato il consenso. Non usarla più e rimuovila ovunque compaia.
office-photo-consent-changed = ✏️ Foto { $id }: chi l’ha condivisa ha cambiato gli usi permessi. Ora: { $scopes }.
office-photo-gone = Questa foto è stata cancellata da chi l’aveva condivisa: non c’è più nulla da decidere.
office-already = Già deciso: { $status }.
office-approved-by = ✅ Approvata da { $name } il { $date }
office-rejected-by = ❌ Rifiutata da { $name } il { $date }
office-only-admins = Solo lo staff dell’ufficio turistico può decidere sulle foto.
office-moderation-unreachable = ⚠️ Un turista ha condiviso una foto con il suo consenso, ma non ho potuto inviarla in moderazione ({ $problem }). Aggiungimi alla chat di moderazione e permettimi di scriverci.

## Passport

progress-title = 🎒 Il tuo passaporto di { $destination }
    Luoghi visitati: { $visited } su { $total } · attività svolte: { $score }
progress-unvisited = Ancora da scoprire: { $spots }

## Rewards

reward-earned = 🎁 Complimenti: { $tasks ->
        [one] un’attività svolta!
       *[other] { $tasks } attività svolte!
    } Il tuo premio: { $reward }.
    Mostra questo codice: { $code }
progress-reward = 🎁 Il tuo premio: { $reward }. Codice: { $code }
progress-reward-used = 🎁 Premio ricevuto il { $date }. Grazie!
redeem-usage = Scrivi il codice dopo il comando, per esempio: /redeem K7Q2-9XMA
redeem-unknown = ❌ «{ $code }» non è un codice valido.
redeem-already = ❌ Questo codice è già stato usato il { $date }.
redeem-ok = ✅ Codice valido (ottenuto il { $date }). Ora è segnato come usato.

## Statistics (office and partners)

stats-title = 📊 { $name }: gli ultimi 7 giorni (tra parentesi i 7 precedenti)
stats-line = { $label }: { $value }
stats-spot-opened = Prime visite ai luoghi
stats-tasks = Attività svolte
stats-photo-shared = Foto condivise
stats-photo-consented = Foto con consenso
stats-photo-approved = Foto approvate
stats-postcard-sent = Cartoline inviate
stats-friend-arrived = Amici arrivati da una cartolina
stats-app = Installazioni dell’app turistica (dichiarate)
stats-review = Recensioni (dichiarate)
stats-reward-earned = Premi ottenuti
stats-reward-redeemed = Premi consegnati
stats-top-spots = Luoghi più visitati
stats-partners = Turisti portati dai partner
stats-period = Dal { $from } al { $to } (giorni UTC).
export-caption = Tutti i conteggi, giorno per giorno: da aprire con un foglio di calcolo.
chart-title = Attività svolte al giorno — { $name }
chart-subtitle = Gli ultimi { $days } giorni: { $total ->
    [one] { $total } attività svolta
   *[other] { $total } attività svolte
}
chart-empty = Ancora nessuna attività svolta: le barre appariranno qui.
chart-day = { $day }/{ $month }
chart-caption = 📈 Attività svolte al giorno negli ultimi { $days } giorni, per tipo di attività.
photo-short = Foto
review-short = Recensione
postcard-short = Cartolina
hashtag-short = Hashtag
app-short = App turistica

## Language

lang-choose = Quale lingua preferisci?
lang-set = 🇮🇹 D’ora in poi ti parlerò in italiano.

## Help, privacy, your data

help = Sono la guida digitale di { $destination }. 🗺
    Scansiona il codice QR in un luogo, o condividi la tua posizione, e ti proporrò lì alcune brevi attività.

    /spots — luoghi vicino a te
    /progress — il tuo passaporto
    /lang — cambia lingua
    /privacy — cosa conserviamo
    /myphotos — le tue foto e cosa hai permesso
    /mydata — vedi i tuoi dati
    /forget — cancella i tuoi dati
privacy = 🔒 Cosa conserviamo, e perché
    • I luoghi che hai aperto e le attività che vi hai svolto: per mostrarti il tuo passaporto.
    • La lingua che hai scelto, se ne hai scelta una.
    • Il partner (un hotel, per esempio) di cui hai seguito il link per arrivare qui: perché i nostri partner sappiano che il servizio è utile.
    • Le foto che condividi: il riferimento di Telegram al file, il luogo, gli usi che hai permesso, il credito che hai scelto e la decisione dell’ufficio turistico. Puoi modificare o revocare il tuo consenso in qualsiasi momento con /myphotos.
    • Le cartoline che crei: il loro codice, il luogo e il tuo nome, perché chi la riceve sappia chi gliel’ha inviata.
    • Il tuo premio e il suo codice, se ne ottieni uno.
    Non conserviamo il tuo numero di telefono né la tua posizione (una posizione condivisa serve solo a trovare il luogo più vicino), né altri nomi oltre a quelli indicati qui sopra.
    /mydata mostra tutto ciò che conserviamo, /forget lo cancella.
mydata-caption = Ecco tutto ciò che conserviamo su di te.
mydata-empty = Al momento non conserviamo nulla su di te.
forget-confirm = Cancellare tutto ciò che conserviamo su di te (passaporto, lingua, partner, foto)? L’operazione è irreversibile.
forget-yes = 🗑 Sì, cancella
forget-no = No, lascia tutto
forget-done = Fatto: tutto ciò che ti riguarda è stato cancellato. Arrivederci, e torna quando vuoi!
forget-cancelled = Non è stato cancellato nulla.
forget-expired = Questa domanda è scaduta: scrivi di nuovo /forget per cancellare i tuoi dati.

## Unexpected messages

text-unexpected = Con i pulsanti me la cavo meglio 🙂 Apri un luogo con /spots, o guarda /help.
unsupported-message = Non riesco a leggere questo tipo di messaggio. Usa i pulsanti, o guarda /help.
command-unknown = Non conosco questo comando. Guarda /help per scoprire cosa so fare.
group-leave = Funziono solo nelle chat private, quindi lascio questo gruppo. Apri una chat con me per iniziare: { $link }
flood-slow-down = Una cosa alla volta, per favore: sto ancora rispondendo ai tuoi messaggi precedenti. Riprova tra qualche secondo.
error-apology = Scusaci, qualcosa è andato storto da parte nostra. Riprova tra un attimo.

## Posters (escale posters): printed for each spot and partner, in the default language and in English

poster-spot-cta = { $tasks ->
        [one] Scansionami: { $tasks } minuto, { $tasks } ricordo digitale di { $destination }
       *[other] Scansionami: { $tasks } minuti, { $tasks } ricordi digitali di { $destination }
    }
poster-partner-cta = Scansionami: { $destination } in tasca per tutto il tuo soggiorno
