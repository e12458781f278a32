# escale — French messages.
# Every id here exists in every locale (a test checks it). Arguments are written { $like-this }.

## Names of this language and the command menu

lang-name = 🇫🇷 Français
cmd-start = Démarrer : accueil et lieux
cmd-spots = Les lieux près de vous
cmd-progress = Mon passeport : lieux et missions accomplies
cmd-lang = Changer de langue
cmd-help = À quoi sert ce bot
cmd-privacy = Ce que nous conservons et pourquoi
cmd-mydata = Voir tout ce qui est conservé sur moi
cmd-forget = Effacer tout ce qui me concerne

## Welcome and spots

welcome = { $destination } vous souhaite la bienvenue ! 👋
    Dans chacun de nos lieux, quelques petites missions numériques vous attendent : partager une photo, envoyer une carte postale, trouver notre hashtag…
    Partagez votre position et j’ouvrirai le lieu où vous vous trouvez.
share-location = 📍 Partager ma position
spots-pick = Ou choisissez un lieu :
spots-nearest = Vous n’êtes pas encore sur l’un de nos lieux. Les plus proches :
spot-unknown = Je ne connais pas ce lieu (il a peut-être été déplacé). Voici les lieux de la destination :
spot-pick-task = Qu’aimeriez-vous faire ici ?
partner-welcome = Bienvenue ! Un grand merci à { $partner } de nous avoir fait connaître. Profitez bien de { $destination }.
link-unknown = Je ne reconnais pas ce lien, mais nous sommes ravis de vous accueillir.
button-spots = 🗺 Lieux
button-progress = 🎒 Mon passeport
button-stale = Ce bouton appartient à un ancien message et ne fonctionne plus. Voici les lieux à jour :
button-stale-short = Ce bouton a expiré.
button-invalid = Ce bouton n’est plus valide.

## Tasks: shared words

task-done = ✅ C’est fait, merci ! { $left ->
        [one] Encore une mission vous attend ici.
       *[other] Encore { $left } missions vous attendent ici.
    }
task-done-short = ✅ C’est fait !
spot-complete = 🎉 { $spot }, c’est terminé : vous avez tout fait. Bravo ! D’autres lieux vous attendent.

photo-title = Partager une photo
photo-done = ✅ Photo envoyée
photo-intro = Montrez-nous { $spot } à travers votre regard : envoyez une photo du lieu.
photo-thanks = Superbe photo, merci ! 📷
photo-waiting = J’attends une photo : appuyez sur 📎 et choisissez-en une, ou prenez-la maintenant.
photo-unexpected = Jolie photo ! Pour la partager, ouvrez d’abord un lieu et choisissez « Partager une photo ».

review-title = Laisser un avis
review-done = ✅ J’ai laissé un avis
review-intro = Quel qu’il soit, votre avis sur { $spot } aide les autres voyageurs. Cela ne prend qu’une minute.
review-open = ⭐ Écrire un avis
review-unavailable = Il n’y a pas encore de page d’avis pour { $spot }. Merci d’y avoir pensé !

postcard-title = Envoyer une carte postale
postcard-done = ✅ Carte envoyée
postcard-intro = Écrivez quelques mots pour un proche, et j’en ferai une carte postale de { $spot } ({ $max } caractères maximum).
postcard-text-please = Écrivez le texte de votre carte dans un message.
postcard-too-long = Votre texte fait { $length } caractères, mais une carte postale en contient { $max } au maximum. Pourriez-vous le raccourcir ?
postcard-card = 💌 Bons baisers de { $spot }, { $destination } !

    « { $message } »

    { $hashtags }
postcard-share = 📤 L’envoyer à un proche

hashtag-title = Utiliser notre hashtag
hashtag-done = ✅ Je l’ai publié
hashtag-intro = Vous publiez une photo de { $spot } ? Ajoutez ces hashtags pour que toute la destination puisse la voir :
hashtag-copy = 📋 Copier les hashtags

app-title = Installer l’appli séjour
app-done = ✅ Installée
app-intro = 📱 { $app } : tout pour votre séjour, dans votre poche.
app-tips = Pour en profiter au mieux :
app-ios = App Store
app-android = Google Play
app-web = Site web

## Passport

progress-title = 🎒 Votre passeport { $destination }
    Lieux visités : { $visited } sur { $total } · missions accomplies : { $score }
progress-unvisited = Encore à découvrir : { $spots }

## Language

lang-choose = Quelle langue préférez-vous ?
lang-set = 🇫🇷 C’est noté : désormais, je vous parle en français.

## Help, privacy, your data

help = Je suis le guide numérique de { $destination }. 🗺
    Scannez le QR code d’un lieu, ou partagez votre position, et je vous proposerai quelques petites missions sur place.

    /spots — les lieux près de vous
    /progress — votre passeport
    /lang — changer de langue
    /privacy — ce que nous conservons
    /mydata — voir vos données
    /forget — effacer vos données
privacy = 🔒 Ce que nous conservons, et pourquoi
    • Les lieux que vous avez ouverts et les missions que vous y avez faites : pour afficher votre passeport.
    • La langue que vous avez choisie, si vous en avez choisi une.
    • Le partenaire (un hôtel, par exemple) dont vous avez suivi le lien pour arriver ici : pour que nos partenaires sachent que le service est utile.
    Nous ne conservons ni votre nom, ni votre numéro de téléphone, ni votre position : une position partagée sert uniquement à trouver le lieu le plus proche.
    /mydata affiche tout ce que nous conservons, /forget l’efface.
mydata-caption = Voici tout ce que nous conservons à votre sujet.
mydata-empty = Nous ne conservons rien à votre sujet pour le moment.
forget-confirm = Effacer tout ce que nous conservons à votre sujet (passeport, langue, partenaire) ? C’est irréversible.
forget-yes = 🗑 Oui, effacer
forget-no = Non, garder
forget-done = C’est fait : tout ce qui vous concerne a été effacé. Au revoir, et revenez quand vous voulez !
forget-cancelled = Rien n’a été effacé.

## Unexpected messages

text-unexpected = Je suis plus à l’aise avec les boutons 🙂 Ouvrez un lieu avec /spots, ou consultez /help.
unsupported-message = Je ne sais pas lire ce type de message. Utilisez les boutons, ou consultez /help.
command-unknown = Je ne connais pas cette commande. Consultez /help pour voir ce que je sais faire.
group-private = Parlons en privé : ouvrez une discussion avec moi pour commencer.
error-apology = Désolés, un problème est survenu de notre côté. Merci de réessayer dans un instant.
