# escale — Spanish messages.
# Every id here exists in every locale (a test checks it). Arguments are written { $like-this }.

## Names of this language and the command menu

lang-name = 🇪🇸 Español
cmd-start = Inicio: bienvenida y lugares
cmd-spots = Lugares cerca de ti
cmd-progress = Mi pasaporte: lugares y misiones cumplidas
cmd-lang = Cambiar de idioma
cmd-help = Qué hace este bot
cmd-privacy = Qué guardamos y por qué
cmd-mydata = Ver todo lo que se guarda sobre mí
cmd-myphotos = Mis fotos y lo que he autorizado
cmd-stats = Oficina de turismo: las cifras de la semana
cmd-export = Oficina de turismo: todas las cifras en archivos CSV
cmd-partner = Colaborador: lo que te aporta el bot
cmd-redeem = Comprobar y usar un código de premio
bot-description = La guía digital de { $destination }: en cada lugar, unas misiones cortas (una foto, una postal, nuestro hashtag…) y un premio al final. Escanea el código QR de un lugar o comparte tu ubicación.
bot-short-description = { $destination } en tu bolsillo: lugares, misiones digitales cortas y un premio.
cmd-forget = Borrar todos mis datos

## Welcome and spots

welcome = ¡Te damos la bienvenida a { $destination }! 👋
    En cada uno de nuestros lugares te esperan pequeñas misiones digitales: compartir una foto, enviar una postal, encontrar nuestro hashtag…
    Comparte tu ubicación y te abriré el lugar en el que estás.
share-location = 📍 Compartir mi ubicación
spots-pick = O elige un lugar:
spots-nearest = Todavía no estás en ninguno de nuestros lugares. Los más cercanos:
spot-unknown = No conozco este lugar (quizá ha cambiado de sitio). Estos son los lugares del destino:
spot-pick-task = ¿Qué te gustaría hacer aquí?
partner-welcome = ¡Te damos la bienvenida! Y gracias a { $partner } por recomendarnos. Disfruta de { $destination }.
link-unknown = No reconozco este enlace, pero nos alegra mucho tenerte aquí.
button-spots = 🗺 Lugares
button-progress = 🎒 Mi pasaporte
button-stale = Este botón pertenece a un mensaje anterior y ya no funciona. Estos son los lugares actualizados:
button-stale-short = Este botón ha caducado.
button-invalid = Este botón ya no es válido.

## Tasks: shared words

task-done = ✅ ¡Hecho, gracias! { $left ->
        [one] Aquí te espera una misión más.
       *[other] Aquí te esperan { $left } misiones más.
    }
task-done-short = ✅ ¡Hecho!
spot-complete = 🎉 { $spot }: ¡lo has completado todo! Enhorabuena, otros lugares te esperan.

photo-title = Compartir una foto
photo-done = ✅ Foto enviada
photo-intro = Muéstranos { $spot } a través de tus ojos: envía una foto del lugar.
photo-waiting = Estoy esperando una foto: toca 📎 y elige una, o hazla ahora.
photo-unexpected = ¡Bonita foto! Para compartirla, primero abre un lugar y elige «Compartir una foto».
photo-heic = Es un archivo HEIC y no podemos abrirlo. Envíalo como foto (📎 → Galería), no como archivo.
photo-video = Lo sentimos, aquí no se pueden compartir vídeos: envía una foto, por favor.
photo-wrong-file = Solo puedo recibir fotos o archivos JPEG y PNG. Envía una foto, por favor.
photo-too-big = Este archivo pesa más de 20 MB, demasiado para mí. Envíalo como foto, por favor.
photo-pending-limit = Ya tienes { $limit } fotos esperando a que la oficina de turismo las revise. ¡Gracias! Espera a que estén revisadas antes de enviar más.
photo-consent = 📷 ¡Gracias! ¿Puede la oficina de turismo de { $destination } usar tu foto? Marca lo que autorizas y después toca «Continuar». Decir que no también está bien: la misión cuenta igual.
photo-scope-social = Redes sociales
photo-scope-web = Web y material impreso
photo-scope-partners = Nuestros colaboradores
photo-scope-none = ningún uso (privada)
photo-consent-all = ✅ Autorizar todo
photo-consent-none = 🔒 No autorizar nada
photo-consent-continue = Continuar ➡️
photo-credit = ¿Qué nombre ponemos en los créditos cuando la usemos?
photo-credit-as = Como «{ $name }»
photo-credit-type = ✏️ Otro nombre…
photo-credit-anonymous = Anónimo
photo-credit-type-now = Escribe el nombre que aparecerá en los créditos (máximo { $max } caracteres).
photo-thanks = ¡Gracias! 📷 La oficina de turismo revisará tu foto. Puedes cambiar de opinión cuando quieras con /myphotos.
photo-kept-private = Anotado: tu foto se queda en privado, no la compartimos con nadie. ¡Gracias! 📷 Puedes cambiar de opinión cuando quieras con /myphotos.
photo-withdrawn = Has retirado tu consentimiento: la oficina de turismo ya está avisada y no volverá a usar esta foto.
photo-consent-updated = Hemos guardado tu elección. ¡Gracias!
photo-stale = Esta pregunta ya no está abierta. Consulta tus fotos con /myphotos.
photo-selected = 🎉 ¡Buenas noticias! La oficina de turismo de { $destination } ha seleccionado tu foto de { $spot }. ¡Gracias por compartirla!
photo-status-draft = compartiéndose
photo-status-private = privada
photo-status-pending = esperando a la oficina de turismo
photo-status-approved = seleccionada por la oficina de turismo
photo-status-rejected = no seleccionada
photo-status-withdrawn = consentimiento retirado
myphotos-empty = Todavía no has compartido ninguna foto. Abre un lugar con /spots y elige «Compartir una foto».
myphotos-title = { $count ->
        [one] Tu foto y lo que has autorizado:
       *[other] Tus { $count } fotos y lo que has autorizado:
    }
myphotos-caption = 📍 { $spot } · { $date }
    Usos autorizados: { $scopes }
    Crédito: { $credit }
    Estado: { $status }
myphotos-change = ✏️ Cambiar
myphotos-withdraw = 🚫 Retirar consentimiento

review-title = Dejar una reseña
review-done = ✅ He dejado una reseña
review-intro = Tu opinión sobre { $spot }, sea cual sea, ayuda a otros viajeros. Solo te llevará un minuto.
review-open = ⭐ Escribir una reseña
review-unavailable = Todavía no hay página de reseñas para { $spot }. ¡Gracias por pensar en ello!

postcard-title = Enviar una postal
postcard-done = ✅ Postal enviada
postcard-pick-picture = 💌 ¡Vamos a preparar una postal para alguien especial! ¿Qué imagen quieres que lleve?
postcard-own-photo = 📷 Mi foto ({ $date })
postcard-new-photo = 📸 Una foto nueva
postcard-send-photo = Envía la foto para tu postal: toca 📎 y elige una, o hazla ahora.
postcard-photo-please = Estoy esperando la foto de tu postal.
postcard-write = Ahora escribe unas palabras para tu postal (máximo { $max } caracteres).
postcard-pick-first = Primero elige la imagen de tu postal: en un lugar, abre la misión «Enviar una postal».
postcard-text-please = Escribe el texto de tu postal en un mensaje.
postcard-too-long = Son { $length } caracteres y en una postal caben { $max } como máximo. ¿Puedes acortarlo un poco?
postcard-nothing-drawable = No puedo escribir estos caracteres en una postal. ¿Puedes usar letras y números?
postcard-some-dropped = Aviso: los emojis y algunos caracteres no se pueden imprimir en la postal, así que los hemos quitado.
postcard-hourly-limit = Has hecho { $max } postales en la última hora: es el máximo por ahora. ¡Vuelve a intentarlo un poco más tarde!
postcard-drawing = ✍️ Escribiendo tu postal…
postcard-caption = 💌 ¡Tu postal de { $destination }! Envíasela a alguien especial: su código abre nuestra guía.
postcard-share = 📤 Enviar a un amigo
postcard-unreadable = No consigo leer esta imagen. ¿Puedes elegir otra?
postcard-too-big = Esta imagen es demasiado grande para una postal. ¿Puedes elegir otra o enviarla como foto?
postcard-not-sent = No hemos podido enviar tu postal ahora mismo. Vuelve a intentarlo en un momento.
postcard-a-friend = Alguien especial
postcard-friend-welcome = 👋 ¡{ $name } te ha enviado esta postal desde { $spot }, { $destination }! Te damos la bienvenida: aquí tienes nuestra guía del destino.
postcard-inline-caption = 💌 Una postal de { $destination }
postcard-inline-open = 🗺 Descubre { $destination }

hashtag-title = Usar nuestro hashtag
hashtag-done = ✅ Ya lo he publicado
hashtag-intro = ¿Vas a publicar una foto de { $spot }? Añade estos hashtags para que todo el destino pueda verla:
hashtag-copy = 📋 Copiar los hashtags

app-title = Instalar la app de viaje
app-done = ✅ Instalada
app-intro = 📱 { $app }: todo lo que necesitas para tu estancia, en tu bolsillo.
app-tips = Cómo sacarle el máximo partido:
app-ios = App Store
app-android = Google Play
app-web = Sitio web

## The office's side (in the destination's default language)

office-approve = ✅ Aprobar
office-reject = ❌ Rechazar
office-photo-caption = 📷 Foto { $id } · { $spot }
    Usos autorizados: { $scopes }
    Crédito: { $credit }
    Compartida el { $date } · colaborador: { $partner }
    Estado: { $status }
office-photo-withdrawn = 🚫 Foto { $id }: su autor ha retirado el consentimiento. Deja de usarla y retírala de todos los sitios donde aparezca.
office-photo-consent-changed = ✏️ Foto { $id }: su autor ha cambiado los usos autorizados. Ahora: { $scopes }.
office-photo-gone = Su autor ha borrado esta foto: ya no hay nada que decidir.
office-already = Ya está decidido: { $status }.
office-approved-by = ✅ Aprobada por { $name } el { $date }
office-rejected-by = ❌ Rechazada por { $name } el { $date }
office-only-admins = Solo el equipo de la oficina de turismo puede decidir sobre las fotos.
office-moderation-unreachable = ⚠️ Un turista ha compartido una foto con su consentimiento, pero no he podido enviarla a moderación ({ $problem }). Añádeme al chat de moderación y permíteme publicar en él.

## Passport

progress-title = 🎒 Tu pasaporte de { $destination }
    Lugares visitados: { $visited } de { $total } · misiones cumplidas: { $score }
progress-unvisited = Aún por descubrir: { $spots }

## Rewards

reward-earned = 🎁 ¡Enhorabuena! Has cumplido { $tasks ->
        [one] una misión.
       *[other] { $tasks } misiones.
    } Tu premio: { $reward }.
    Enseña este código: { $code }
progress-reward = 🎁 Tu premio: { $reward }. Código: { $code }
progress-reward-used = 🎁 Premio recibido el { $date }. ¡Gracias!
redeem-usage = Escribe el código después del comando, por ejemplo: /redeem K7Q2-9XMA
redeem-unknown = ❌ «{ $code }» no es un código válido.
redeem-already = ❌ Este código ya se usó el { $date }.
redeem-ok = ✅ Código válido (conseguido el { $date }). Ya está marcado como usado.

## Statistics (office and partners)

stats-title = 📊 { $name }: los últimos 7 días (entre paréntesis, los 7 anteriores)
stats-line = { $label }: { $value }
stats-spot-opened = Primeras visitas a lugares
stats-tasks = Misiones cumplidas
stats-photo-shared = Fotos compartidas
stats-photo-consented = Fotos con consentimiento
stats-photo-approved = Fotos aprobadas
stats-postcard-sent = Postales enviadas
stats-friend-arrived = Amigos que llegaron por una postal
stats-app = Instalaciones de la app de viaje (declaradas)
stats-review = Reseñas (declaradas)
stats-reward-earned = Premios conseguidos
stats-reward-redeemed = Premios entregados
stats-top-spots = Lugares más visitados
stats-partners = Turistas traídos por colaboradores
stats-period = Del { $from } al { $to } (días UTC).
export-caption = Todas las cifras, día a día: para abrir con una hoja de cálculo.
chart-title = Misiones cumplidas por día — { $name }
chart-subtitle = Los últimos { $days } días: { $total ->
    [one] { $total } misión cumplida
   *[other] { $total } misiones cumplidas
}
chart-empty = Aún no hay misiones cumplidas: las barras aparecerán aquí.
chart-day = { $day }/{ $month }
chart-caption = 📈 Misiones cumplidas por día en los últimos { $days } días, por tipo de misión.
photo-short = Foto
review-short = Reseña
postcard-short = Postal
hashtag-short = Hashtag
app-short = App de viaje

## Language

lang-choose = ¿Qué idioma prefieres?
lang-set = 🇪🇸 A partir de ahora, te hablaré en español.

## Help, privacy, your data

help = Soy tu guía digital en { $destination }. 🗺
    Escanea el código QR de un lugar o comparte tu ubicación, y te propondré allí algunas misiones cortas.

    /spots — lugares cerca de ti
    /progress — tu pasaporte
    /lang — cambiar de idioma
    /privacy — qué guardamos
    /myphotos — tus fotos y lo que has autorizado
    /mydata — ver tus datos
    /forget — borrar tus datos
privacy = 🔒 Qué guardamos y por qué
    • Los lugares que has abierto y las misiones que has hecho en ellos: para mostrarte tu pasaporte.
    • El idioma que has elegido, si has elegido uno.
    • El colaborador (un hotel, por ejemplo) cuyo enlace te ha traído hasta aquí: para que nuestros colaboradores sepan que el servicio es útil.
    • Las fotos que compartes: la referencia de Telegram al archivo, el lugar, los usos que has autorizado, el crédito que has elegido y la decisión de la oficina de turismo. Puedes cambiar o retirar tu consentimiento cuando quieras con /myphotos.
    • Las postales que creas: su código, el lugar y tu nombre de pila, para que quien la reciba sepa quién se la ha enviado.
    • Tu premio y su código, si consigues uno.
    No guardamos tu número de teléfono ni tu ubicación (una ubicación compartida solo se usa para encontrar el lugar más cercano), ni ningún nombre aparte de los indicados arriba.
    /mydata muestra todo lo que guardamos y /forget lo borra.
mydata-caption = Esto es todo lo que guardamos sobre ti.
mydata-empty = Por ahora no guardamos nada sobre ti.
forget-confirm = ¿Borrar todo lo que guardamos sobre ti (pasaporte, idioma, colaborador, fotos)? No se puede deshacer.
forget-yes = 🗑 Sí, borrar
forget-no = No, conservarlo
forget-done = Hecho: hemos borrado todos tus datos. ¡Hasta pronto, y vuelve cuando quieras!
forget-cancelled = No se ha borrado nada.
forget-expired = Esta pregunta ha caducado: escribe /forget de nuevo para borrar tus datos.

## Unexpected messages

text-unexpected = Me entiendo mejor con botones 🙂 Abre un lugar con /spots o consulta /help.
unsupported-message = No puedo leer este tipo de mensaje. Usa los botones o consulta /help.
command-unknown = No conozco este comando. Consulta /help para ver lo que puedo hacer.
group-leave = Solo funciono en chats privados, así que salgo de este grupo. Abre un chat conmigo para empezar: { $link }
flood-slow-down = Una cosa cada vez, por favor: todavía estoy respondiendo a tus mensajes anteriores. Inténtalo de nuevo en unos segundos.
error-apology = Lo sentimos, algo ha fallado por nuestra parte. Vuelve a intentarlo en un momento.

## Posters (escale posters): printed for each spot and partner, in the default language and in English

poster-spot-cta = { $tasks ->
        [one] Escanéame: { $tasks } minuto, { $tasks } recuerdo digital de { $destination }
       *[other] Escanéame: { $tasks } minutos, { $tasks } recuerdos digitales de { $destination }
    }
poster-partner-cta = Escanéame: { $destination } en tu bolsillo durante toda tu estancia
